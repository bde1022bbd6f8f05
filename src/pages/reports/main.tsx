import { render } from 'preact';
import { Reports } from './Reports';
import { t, uiLocale } from '../../platform/i18n';

document.documentElement.lang = uiLocale();
document.title = `${t('rpTitle')} · TeamViewer for BOSS`;
render(<Reports />, document.getElementById('app')!);
