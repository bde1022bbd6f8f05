import { render } from 'preact';
import { Reports } from './Reports';
import { t, uiLocale } from '../../platform/i18n';
import { firstFigures } from './first-figures';

document.documentElement.lang = uiLocale();
document.title = `${t('rpTitle')} · TeamViewer for BOSS`;
// The figures early.ts asked for, when they come soon: the first frame then shows them. A worker
// that takes longer (it was stopped) gets the "Loading" frame first, as before.
const first = await firstFigures(100);
render(<Reports first={first} />, document.getElementById('app')!);
