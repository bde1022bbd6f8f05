import { render } from 'preact';
import { Options } from './Options';
import { uiLocale } from '../../shared/i18n';

document.documentElement.lang = uiLocale();
render(<Options />, document.getElementById('app')!);
