// The reports page's first frame as HTML, for the worker, which writes it into the page's HTML when
// the page opens (background/reports/page-fetch.ts). The same components as the page's own first
// render with those figures (Reports.tsx), so the page hydrates this markup instead of drawing it
// again (test/reports-prerender.test.tsx checks that the two are the same).
import { renderToString } from 'preact-render-to-string';
import type { ReportResult } from '../../shared/reports/types';
import { PageHeader } from './PageHeader';
import { Summary } from './Summary';

export const firstFrameHtml = (result: ReportResult): string =>
  renderToString(
    <main>
      <PageHeader sync={undefined} live={false} onSync={() => undefined} />
      <Summary result={result} />
    </main>,
  );
