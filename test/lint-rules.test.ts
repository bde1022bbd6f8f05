// The lint rules of eslint.config.js: strings never become code or markup, and the architecture's
// boundaries and the absence of import cycles hold. Each forbidden construct, written in a file
// under src/, is reported.
import { describe, it, expect } from 'vitest';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

const eslint = new ESLint({ cwd: fileURLToPath(new URL('..', import.meta.url)) });

async function rulesHit(code: string, file = 'src/content/widget/lint-probe.tsx'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('lint forbids building code or markup from strings in src/', () => {
  const cases: [string, string, string][] = [
    ['innerHTML', 'export const f = (el: HTMLElement, s: string) => { el.innerHTML = s; };', 'no-restricted-properties'],
    ['outerHTML', 'export const f = (el: HTMLElement, s: string) => { el.outerHTML = s; };', 'no-restricted-properties'],
    ['insertAdjacentHTML', "export const f = (el: HTMLElement, s: string) => el.insertAdjacentHTML('beforeend', s);", 'no-restricted-properties'],
    ['dangerouslySetInnerHTML (JSX)', 'export const F = ({ s }: { s: string }) => <div dangerouslySetInnerHTML={{ __html: s }} />;', 'no-restricted-syntax'],
    ['dangerouslySetInnerHTML (props object)', 'export const props = (s: string) => ({ dangerouslySetInnerHTML: { __html: s } });', 'no-restricted-syntax'],
    ['eval', 'export const f = (s: string): unknown => eval(s);', 'no-eval'],
    ['setTimeout with a string', "export const f = () => setTimeout('run()', 10);", 'no-implied-eval'],
    ['new Function', "export const f = (s: string) => new Function('x', s);", 'no-new-func'],
  ];
  for (const [name, code, rule] of cases) {
    it(name, async () => {
      expect(await rulesHit(code)).toContain(rule);
    });
  }

  it('plain text through preact passes', async () => {
    expect(await rulesHit('export const F = ({ s }: { s: string }) => <p>{s}</p>;')).toEqual([]);
  });
});

describe('lint keeps the architecture: forbidden imports and import cycles fail', () => {
  const cases: [string, string, string][] = [
    ['content imports the worker', "import { startCase } from '../background/cases/cases';\nexport const x = startCase;", 'src/content/probe.ts'],
    ['pages import the worker', "import { readCredentials } from '../../background/account/credentials';\nexport const x = readCredentials;", 'src/pages/options/probe.ts'],
    ['shared imports the polyfill', "import browser from 'webextension-polyfill';\nexport const x = browser;", 'src/shared/probe.ts'],
    ['shared imports browser glue', "import { t } from '../platform/i18n';\nexport const x = t;", 'src/shared/probe.ts'],
    ['domain imports the port layer', "import { tabOf } from '../runtime/ports';\nexport const x = tabOf;", 'src/background/cases/probe.ts'],
    ['the store imports a domain module', "import { startCase } from '../cases/cases';\nexport const x = startCase;", 'src/background/store/probe.ts'],
  ];
  for (const [name, code, file] of cases) {
    it(name, async () => {
      expect(await rulesHit(code, file)).toContain('no-restricted-imports');
    });
  }

  it('shared code touching a browser global', async () => {
    expect(await rulesHit('export const x = () => document.title;', 'src/shared/probe.ts')).toContain('no-restricted-globals');
  });

  it('an import cycle', async () => {
    // cases/cases.ts imports events.ts: events.ts importing cases/cases closes a cycle. Linted as
    // if it were events.ts itself.
    const events = await import('node:fs').then((fs) => fs.readFileSync(fileURLToPath(new URL('../src/background/events.ts', import.meta.url)), 'utf8'));
    const withCycle = `import { startCase } from './cases/cases';\nexport const cycle = startCase;\n${events}`;
    expect(await rulesHit(withCycle, 'src/background/events.ts')).toContain('import-x/no-cycle');
  });
});
