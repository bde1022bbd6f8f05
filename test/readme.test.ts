// The README stays true to the code where the code can tell: every error the extension can show is
// in Troubleshooting with its English text, every permission the manifest asks for is explained in
// Permissions, the pictures it shows exist (and every picture the e2e run takes is shown), and the
// sections a new administrator needs are there.
import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfigEnv } from 'vite';
import manifestFn from '../manifest.config.ts';
import { i18nMap } from './helpers/i18n-source';

const ROOT = join(__dirname, '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = (title: string) => {
  const start = readme.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`README has no "## ${title}" section`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
};
const en = JSON.parse(readFileSync(join(ROOT, 'public', '_locales', 'en', 'messages.json'), 'utf8')) as Record<string, { message: string }>;

describe('README', () => {
  it('has the sections a new administrator follows', () => {
    for (const title of ['What it is', 'The two commands', 'Install for one technician', 'Install for a fleet', 'Connect TeamViewer',
      'Adapt to an unusual BOSS layout', 'Permissions', 'Privacy', 'Troubleshooting', 'Architecture', 'Benchmarks']) {
      expect(() => section(title), title).not.toThrow();
    }
  });

  it('Troubleshooting: every error code, with what the extension says', () => {
    const codes = i18nMap('ERROR_KEYS').map(({ prop, key }) => ({ code: prop, key }));
    expect(codes.length).toBeGreaterThan(10);
    const text = section('Troubleshooting');
    for (const { code, key } of codes) {
      expect(text, code).toContain(`\`${code}\``);
      expect(text, `${code}: ${en[key]!.message}`).toContain(en[key]!.message);
    }
  });

  it('Permissions: every permission and host the manifest asks for', async () => {
    const m = await (manifestFn as unknown as (env: ConfigEnv) => Promise<chrome.runtime.ManifestV3>)({ mode: 'production', command: 'build' });
    const text = section('Permissions');
    for (const p of [...(m.permissions ?? []), ...(m.host_permissions ?? []), ...(m.optional_host_permissions ?? [])]) {
      expect(text, p).toContain(`\`${p}\``);
    }
    expect(text).toContain(m.content_security_policy!.extension_pages!);
  });

  it('shows the screenshots the e2e run takes, and only existing ones', () => {
    const shown = [...readme.matchAll(/\]\((docs\/screenshots\/[\w.-]+\.png)\)/g)].map((x) => x[1]!);
    for (const f of shown) expect(existsSync(join(ROOT, f)), f).toBe(true);
    const taken = readdirSync(join(ROOT, 'docs', 'screenshots')).map((f) => `docs/screenshots/${f}`);
    expect([...new Set(shown)].sort()).toEqual(taken.sort());
  });

  it('links the privacy statement', () => {
    expect(section('Privacy')).toContain('(PRIVACY.md)');
    expect(existsSync(join(ROOT, 'PRIVACY.md'))).toBe(true);
  });
});
