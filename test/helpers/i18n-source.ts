// Reads the error codes' message-key table (`const ERROR_KEYS: Record<…> = { a: 'key', … }`) from
// src/shared/error-keys.ts's source.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const I18N = join(__dirname, '..', '..', 'src', 'shared', 'error-keys.ts');

/** The map's entries: property → message key. */
export function i18nMap(name: 'ERROR_KEYS'): { prop: string; key: string }[] {
  const body = new RegExp(`const ${name}\\b[^=]*=\\s*\\{([\\s\\S]*?)\\};`).exec(readFileSync(I18N, 'utf8'))?.[1];
  if (!body) throw new Error(`${name} not found in src/shared/error-keys.ts`);
  return [...body.matchAll(/(\w+):\s*'(\w+)'/g)].map((m) => ({ prop: m[1]!, key: m[2]! }));
}
