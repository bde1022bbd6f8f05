import { render } from 'preact';
import { Options } from './Options';
import { uiLocale } from '../../platform/i18n';

document.documentElement.lang = uiLocale();
render(<Options />, document.getElementById('app')!);
