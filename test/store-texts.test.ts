// The store listing texts (store/<lang>/) and the privacy statement (PRIVACY.md) the stores ask for:
// present in English and Spanish, within the stores' limits, and saying what the statement must say.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const read = (...p: string[]) => readFileSync(join(ROOT, ...p), 'utf8');
const LANGS = ['en', 'es'] as const;
/** Chrome Web Store: the summary (and the manifest's description) is at most 132 characters. */
const SHORT_MAX = 132;
/** Edge Add-ons: a description of at least 250 characters. */
const LONG_MIN = 250;

describe('store listing', () => {
  for (const lang of LANGS) {
    it(`${lang}: a one-line short description of at most ${SHORT_MAX} characters`, () => {
      const short = read('store', lang, 'short.txt').replace(/\n$/, '');
      expect(short).not.toContain('\n');
      expect(short.trim().length).toBeGreaterThan(40);
      expect([...short].length).toBeLessThanOrEqual(SHORT_MAX);
    });

    it(`${lang}: a long description that names both help desks, the requirements and the privacy statement`, () => {
      const long = read('store', lang, 'long.md');
      expect(long.length).toBeGreaterThanOrEqual(LONG_MIN);
      for (const word of ['BOSSDesk', 'BOSS Support Central', '140', 'Premium', 'Corporate']) expect(long).toContain(word);
      expect(long).toMatch(lang === 'en' ? /privacy statement/ : /declaración de privacidad/);
    });

    it(`${lang}: the long description presents the side panel, the badge and the shortcuts (issue 17)`, () => {
      const long = read('store', lang, 'long.md');
      for (const word of lang === 'en' ? ['side panel', 'badge', 'Alt+Shift+T', 'Alt+Shift+S', 'chrome://extensions/shortcuts'] : ['panel lateral', 'distintivo', 'Alt+Mayús+T', 'Alt+Mayús+S', 'chrome://extensions/shortcuts']) {
        expect(long, word).toContain(word);
      }
    });

    it(`${lang}: the manifest's description fits the store's summary`, () => {
      const messages = JSON.parse(read('public', '_locales', lang, 'messages.json')) as Record<string, { message: string }>;
      expect([...messages.extDescription!.message].length).toBeLessThanOrEqual(SHORT_MAX);
    });
  }
});

describe('privacy statement', () => {
  const text = read('PRIVACY.md');
  const [en, es] = [text.slice(text.indexOf('## English'), text.indexOf('## Español')), text.slice(text.indexOf('## Español'))];

  it('has an English and a Spanish section with the same parts', () => {
    expect(en.length).toBeGreaterThan(1000);
    expect(es.length).toBeGreaterThan(1000);
    const headings = (s: string) => (s.match(/^### .+$/gm) ?? []).length;
    expect(headings(en)).toBe(4);
    expect(headings(es)).toBe(4);
  });

  it('names the data, where it goes, how long it stays and how to delete it', () => {
    for (const needle of ['token', 'Ticket fields', 'Customer email address', 'Session history', 'webapi.teamviewer.com',
      'reply form', 'comment form', 'How long it stays', 'How to delete it', 'Revoke access', 'Removing the extension']) {
      expect(en, needle).toContain(needle);
    }
    for (const needle of ['token', 'Campos del ticket', 'Correo del cliente', 'Historial de sesiones', 'webapi.teamviewer.com',
      'formulario de respuesta', 'formulario de comentarios', 'Cuánto tiempo se conserva', 'Cómo borrarlos', 'Revocar acceso', 'Quitar la extensión']) {
      expect(es, needle).toContain(needle);
    }
  });

  it('names the buttons as the options page does', () => {
    const [msgEn, msgEs] = LANGS.map((l) => JSON.parse(read('public', '_locales', l, 'messages.json')) as Record<string, { message: string }>);
    expect(en).toContain(`**${msgEn!.disconnect!.message}**`);
    expect(es).toContain(`**${msgEs!.disconnect!.message}**`);
    expect(en).toContain(`**${msgEn!.siteRemove!.message}**`);
    expect(es).toContain(`**${msgEs!.siteRemove!.message}**`);
  });
});
