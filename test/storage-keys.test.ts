// Every storage key has one owner (src/background/store/keys.ts names it): no other module of the
// extension reads or writes it.
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LOCAL_KEYS, SESSION_KEYS } from '../src/background/store/keys';

const SRC = join(__dirname, '..', 'src');
const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
const sources = files(SRC).map((f) => ({ path: relative(join(SRC, 'background'), f), text: readFileSync(f, 'utf8') }));
const keysFile = readFileSync(join(SRC, 'background', 'store', 'keys.ts'), 'utf8');

describe('storage keys', () => {
  for (const [group, keys] of [['LOCAL_KEYS', LOCAL_KEYS], ['SESSION_KEYS', SESSION_KEYS]] as const) {
    for (const [name, key] of Object.entries(keys)) {
      it(`${group}.${name} ('${key}') is used by its owner only`, () => {
        // The owner is the module named in the comment above the key.
        const owner = new RegExp(`/\\*\\* ([\\w/-]+\\.ts):[^*]*\\*/\\s*${name}:`).exec(keysFile)?.[1];
        expect(owner, `keys.ts names an owner for ${name}`).toBeTruthy();
        const users = sources.filter((s) => s.text.includes(`${group}.${name}`)).map((s) => s.path);
        expect(users).toEqual([owner]);
        // Nobody spells the key itself with a storage call.
        const literal = sources.filter((s) => s.path !== 'store/keys.ts' && new RegExp(`(get|set|remove)\\w*\\([^)]*['"]${key}['"]`).test(s.text));
        expect(literal.map((s) => s.path)).toEqual([]);
      });
    }
  }
});
