// The store-package check (scripts/check-build.ts) catches what it is there for: a loose CSP,
// inline script, a missing file, the test build's traces, and a zip that is not reproducible.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { CONTENT_BUDGET_GZ, checkFiles, checkZip, cspProblems, htmlProblems, sizesOf } from '../scripts/check-build.ts';
import { ZIP_TIME, zipDir } from '../scripts/package.ts';
import { EXTENSION_PAGES_CSP } from '../manifest.config.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const MANIFEST = {
  manifest_version: 3, version: '1.2.3', default_locale: 'en', icons: { 16: 'icons/icon16.png' },
  options_page: 'src/pages/options/index.html', background: { service_worker: 'service-worker-loader.js' },
  content_scripts: [{ matches: ['https://*.bossdesk.io/*'], js: ['src/content/main.iife.js'] }],
  host_permissions: ['https://webapi.teamviewer.com/*'], content_security_policy: { extension_pages: EXTENSION_PAGES_CSP },
};
const good = (): Map<string, Uint8Array> => new Map([
  ['manifest.json', enc(JSON.stringify(MANIFEST))],
  ['_locales/en/messages.json', enc('{}')],
  ['icons/icon16.png', new Uint8Array([1])],
  ['src/pages/options/index.html', enc('<!doctype html><script type="module" crossorigin src="/assets/a.js"></script>')],
  ['service-worker-loader.js', enc("import './assets/a.js';")],
  ['src/content/main.iife.js', enc('(function(){})()')],
]);
const withManifest = (patch: Record<string, unknown>) => {
  const f = good();
  f.set('manifest.json', enc(JSON.stringify({ ...MANIFEST, ...patch })));
  return f;
};

describe('check-build', () => {
  it('passes a clean production build', () => {
    expect(checkFiles(good(), '1.2.3')).toEqual([]);
  });

  it('extension-page CSP: only the package\'s own scripts', () => {
    expect(cspProblems(EXTENSION_PAGES_CSP)).toEqual([]);
    expect(cspProblems("script-src 'self'; object-src 'none'")).toEqual([]);
    expect(cspProblems(undefined)).toEqual(['CSP: no content_security_policy.extension_pages']);
    expect(cspProblems("script-src 'self' 'unsafe-eval'; object-src 'self'")).toEqual(["CSP: script-src allows 'unsafe-eval'"]);
    expect(cspProblems("script-src 'self' https://cdn.example.com; object-src 'self'")).toEqual(['CSP: script-src allows https://cdn.example.com']);
    expect(cspProblems("object-src 'self'")).toEqual(['CSP: no script-src directive']);
    expect(cspProblems("script-src 'self'; object-src 'self'; style-src 'unsafe-inline'")).toEqual(["CSP: style-src allows 'unsafe-inline'"]);
    expect(checkFiles(withManifest({ content_security_policy: undefined }))).toContain('manifest.json: CSP: no content_security_policy.extension_pages');
  });

  it('no inline script or handler in the extension\'s HTML', () => {
    expect(htmlProblems('a.html', '<script>alert(1)</script>')).toEqual(['a.html: inline script']);
    expect(htmlProblems('a.html', '<button onclick="x()">')).toEqual(['a.html: inline event handler']);
    expect(htmlProblems('a.html', '<a href="javascript:void 0">')).toEqual(['a.html: javascript: URL']);
  });

  it('the test build\'s traces, a wrong version, a missing file', () => {
    expect(checkFiles(withManifest({ key: 'abc' }))).toContain('manifest.json: has the test build\'s fixed key');
    expect(checkFiles(withManifest({ host_permissions: ['http://127.0.0.1/*'] }))).toContain('manifest.json: grants 127.0.0.1');
    expect(checkFiles(good(), '2.0.0')).toEqual(['manifest.json: version 1.2.3, package.json says 2.0.0']);
    const hook = good();
    hook.set('assets/a.js', enc('globalThis.__tv4boss = 1;\n//# sourceMappingURL=a.js.map'));
    hook.set('assets/a.js.map', enc('{}'));
    expect(checkFiles(hook)).toEqual(['assets/a.js: contains __tv4boss', 'assets/a.js: contains sourceMappingURL', 'assets/a.js.map: source map']);
    const missing = good();
    missing.delete('src/content/main.iife.js');
    expect(checkFiles(missing)).toEqual(['manifest.json names src/content/main.iife.js, which is not in the package']);
  });

  it('the content script over its gzip -9 budget (15 360 B) fails the build, and the figure is given', () => {
    expect(CONTENT_BUDGET_GZ).toBe(15_360);
    // Random bytes do not compress: n bytes give a little more than n gzipped.
    const random = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(Math.random() * 256));
    const under = good();
    under.set('src/content/main.iife.js', random(CONTENT_BUDGET_GZ - 100));
    expect(checkFiles(under)).toEqual([]);
    const [within] = sizesOf(under);
    expect(within!.file).toBe('src/content/main.iife.js');
    expect(within!.gz).toBeGreaterThan(CONTENT_BUDGET_GZ - 100);
    expect(within!.gz).toBeLessThanOrEqual(CONTENT_BUDGET_GZ);
    const over = good();
    over.set('src/content/main.iife.js', random(CONTENT_BUDGET_GZ + 1));
    const [big] = sizesOf(over);
    expect(big!.gz).toBeGreaterThan(CONTENT_BUDGET_GZ);
    expect(checkFiles(over)).toEqual([`src/content/main.iife.js: content script is ${big!.gz} B gzip -9, over its budget of 15360 B`]);
    // Text that compresses well is measured compressed, not raw.
    const text = good();
    text.set('src/content/main.iife.js', enc('x'.repeat(200_000)));
    expect(checkFiles(text)).toEqual([]);
  });

  it('zips: the same folder gives the same bytes; a zip with timestamps or out of order is refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tv4boss-zip-'));
    try {
      for (const [p, b] of good()) {
        mkdirSync(join(dir, p, '..'), { recursive: true });
        writeFileSync(join(dir, p), b);
      }
      const a = zipDir(dir);
      expect(Buffer.from(zipDir(dir)).equals(Buffer.from(a))).toBe(true);
      expect(checkZip(a, '1.2.3')).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const files = Object.fromEntries(good());
    const stamped = zipSync(files, { mtime: new Date(2026, 10, 27, 8, 30) });
    expect(checkZip(stamped)).toContain('zip: manifest.json has its own timestamp');
    const unsorted = zipSync(Object.fromEntries([...good()].reverse()), { mtime: ZIP_TIME });
    expect(checkZip(unsorted)).toContain('zip: entries are not in sorted order');
  });
});
