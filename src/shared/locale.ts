// The two languages the product speaks, and one dayjs set up for them. Pure.
import dayjs from 'dayjs';
import 'dayjs/locale/es.js';
import localizedFormat from 'dayjs/plugin/localizedFormat.js';

dayjs.extend(localizedFormat);

export type Lang = 'en' | 'es';

/** "es", "es-ES", "es_419" → es; anything else → en. */
export const langOf = (locale: string): Lang => (/^es(?![a-z])/i.test(locale) ? 'es' : 'en');

export { dayjs };
