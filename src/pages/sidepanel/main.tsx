import { render } from 'preact';
import { Panel } from './Panel';
import { t, uiLocale } from '../../platform/i18n';

document.documentElement.lang = uiLocale();
document.title = `${t('pnTitle')} · TeamViewer for BOSS`;
render(<Panel />, document.getElementById('app')!);
