import browser from 'webextension-polyfill';

/** The technician's UI language (the extension follows the browser's). */
export const uiLocale = (): string => browser.i18n.getUILanguage();
