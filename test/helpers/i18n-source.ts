// Reads the message-key maps of src/platform/i18n.ts (`const NAME: Record<…> = { a: 'key', … }`)
// from its source: the maps are private to the content script's bundle.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const I18N = join(__dirname, '..', '..', 'src', 'platform', 'i18n.ts');

/** The map's entries: property → message key. */
export function i18nMap(name: 'ERROR_KEYS' | 'PERMISSION_KEYS'): { prop: string; key: string }[] {
  const body = new RegExp(`const ${name}\\b[^=]*=\\s*\\{([\\s\\S]*?)\\};`).exec(readFileSync(I18N, 'utf8'))?.[1];
  if (!body) throw new Error(`${name} not found in src/platform/i18n.ts`);
  return [...body.matchAll(/(\w+):\s*'(\w+)'/g)].map((m) => ({ prop: m[1]!, key: m[2]! }));
}
