// The lint rules that keep strings from becoming code or markup in the extension (eslint.config.js):
// each forbidden construct, written in a file under src/, is reported.
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
