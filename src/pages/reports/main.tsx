import { hydrate, render } from 'preact';
import { Reports } from './Reports';
import { t, uiLocale } from '../../platform/i18n';
import { firstFigures, prerenderedFigures } from './first-figures';

document.documentElement.lang = uiLocale();
document.title = `${t('rpTitle')} · TeamViewer for BOSS`;
const app = document.getElementById('app')!;
// The worker wrote the first frame and its figures into the HTML (background/reports/page-fetch.ts):
// the page takes that frame over. Else the figures early.ts asked for, when they come soon: the
// first frame then shows them; a worker that takes longer (it was stopped) gets "Loading" first.
const given = prerenderedFigures();
if (given && app.firstElementChild) hydrate(<Reports first={given} />, app);
else {
  app.replaceChildren();
  render(<Reports first={await firstFigures(100)} />, app);
}
