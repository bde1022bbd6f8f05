import { describe, it, expect, afterEach, vi } from 'vitest';
import { closingComment, formatStamp, type ClosingFacts } from '../src/shared/closing-comment';
import { langOf } from '../src/shared/locale';
import { durationMs, formatDuration } from '../src/shared/duration';
import type { TvConnectionRecord } from '../src/shared/teamviewer/types';

describe('formatDuration', () => {
  it('seconds only under a minute', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(400)).toBe('0 s');
  });
  it('minutes and zero-padded seconds under an hour', () => {
    expect(formatDuration(12 * 60_000 + 30_000)).toBe('12 min 30 s');
    expect(formatDuration(5 * 60_000 + 5_000)).toBe('5 min 05 s');
    expect(formatDuration(59_600)).toBe('1 min 00 s'); // rounded to the second
  });
  it('hours and zero-padded minutes from an hour', () => {
    expect(formatDuration(65 * 60_000)).toBe('1 h 05 min');
    expect(formatDuration(3_600_000)).toBe('1 h 00 min');
    expect(formatDuration(26 * 3_600_000 + 42 * 60_000 + 59_000)).toBe('26 h 42 min');
  });
});

describe('durationMs', () => {
  it('is the difference between two ISO dates', () => {
    expect(durationMs('2024-04-16T20:40:38Z', '2024-04-16T20:41:23Z')).toBe(45_000);
    expect(durationMs('2024-04-16T20:40:38Z', '2024-04-16T20:40:38Z')).toBe(0);
  });
  it('is undefined when negative, invalid or missing', () => {
    expect(durationMs('2024-04-16T20:41:23Z', '2024-04-16T20:40:38Z')).toBeUndefined();
    expect(durationMs('not a date', '2024-04-16T20:40:38Z')).toBeUndefined();
    expect(durationMs('2024-04-16T20:40:38Z', 'nope')).toBeUndefined();
    expect(durationMs(undefined, '2024-04-16T20:40:38Z')).toBeUndefined();
    expect(durationMs('2024-04-16T20:40:38Z', undefined)).toBeUndefined();
    expect(durationMs('', '')).toBeUndefined();
  });
});

describe('langOf and formatStamp', () => {
  it('Spanish for es and its regional variants, English otherwise', () => {
    expect(['es', 'es-ES', 'es-419', 'ES-mx'].map(langOf)).toEqual(['es', 'es', 'es', 'es']);
    expect(['en', 'en-US', 'fr', 'est', ''].map(langOf)).toEqual(['en', 'en', 'en', 'en', 'en']);
  });
  it('writes the date in the locale’s order with the UTC offset', () => {
    // In the technician's zone, whatever the zone the tests run in.
    const iso = '2024-04-16T12:00:00Z';
    const d = new Date(iso);
    const [dd, mm] = [d.getDate(), d.getMonth() + 1].map((n) => String(n).padStart(2, '0'));
    const off = -d.getTimezoneOffset();
    const zone = `(UTC${off >= 0 ? '+' : '-'}${String(Math.floor(Math.abs(off) / 60)).padStart(2, '0')}:${String(Math.abs(off) % 60).padStart(2, '0')})`;
    const en = formatStamp(iso, 'en-US');
    const es = formatStamp(iso, 'es-ES');
    expect(en).toMatch(/^\d\d\/\d\d\/2024 \d{1,2}:\d\d:\d\d [AP]M \(UTC[+-]\d\d:\d\d\)$/);
    expect(es).toMatch(/^\d\d\/\d\d\/2024 \d{1,2}:\d\d:\d\d \(UTC[+-]\d\d:\d\d\)$/);
    expect(en.startsWith(`${mm}/${dd}/2024 `)).toBe(true);
    expect(es.startsWith(`${dd}/${mm}/2024 `)).toBe(true);
    expect(en.endsWith(zone)).toBe(true);
    expect(es.endsWith(zone)).toBe(true);
  });
});

describe('closingComment', () => {
  afterEach(() => { vi.useRealTimers(); });

  const CREATED = '2024-04-16T10:00:00Z';
  const CLOSED = '2024-04-16T11:05:00Z';
  const connection: TvConnectionRecord = {
    id: '4f2a7c1e-0000-4000-8000-000000000001', userid: 'u11293276', username: 'Jon Snow', devicename: 'ANA-LAPTOP',
    groupid: 'g272032545', start_date: '2024-04-16T10:20:00Z', end_date: '2024-04-16T10:32:30Z',
    session_code: 's119-457-589', notes: '  Restarted the print spooler.  ',
    custom_api: '{"app":"boss-tv","v":1,"caseId":"c1","ticketKey":"https://acme.bossdesk.io#1042","ticket":{}}',
  };
  const facts = (over: Partial<ClosingFacts> = {}): ClosingFacts => ({
    code: 's119-457-589', createdAt: CREATED, closedAt: CLOSED, outcome: 'closed', connections: [], ...over,
  });

  it('English: code, start and end by formatStamp, duration from createdAt/closedAt', () => {
    const text = closingComment(facts(), 'en-US');
    expect(text.split('\n')).toEqual([
      'TeamViewer service case s119-457-589 closed.',
      `Start: ${formatStamp(CREATED, 'en-US')}`,
      `End: ${formatStamp(CLOSED, 'en-US')}`,
      'Duration: 1 h 05 min',
    ]);
  });

  it('Spanish wording and date format', () => {
    const text = closingComment(facts(), 'es-ES');
    expect(text.split('\n')).toEqual([
      'Caso de servicio de TeamViewer s119-457-589 cerrado.',
      `Inicio: ${formatStamp(CREATED, 'es-ES')}`,
      `Fin: ${formatStamp(CLOSED, 'es-ES')}`,
      'Duración: 1 h 05 min',
    ]);
    expect(text).toMatch(/^Inicio: \d\d\/\d\d\/2024 \d{1,2}:\d\d:\d\d \(UTC/m);
  });

  it('the duration does not depend on the technician’s clock', () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2031-01-01T00:00:00Z') });
    const a = closingComment(facts({ closedAt: '2024-04-16T10:12:30Z' }), 'en');
    vi.setSystemTime(Date.parse('2019-06-01T00:00:00Z'));
    const b = closingComment(facts({ closedAt: '2024-04-16T10:12:30Z' }), 'en');
    expect(a).toBe(b);
    expect(a).toContain('Duration: 12 min 30 s');
  });

  it('a closing time before the creation gives a zero duration, not a negative one', () => {
    expect(closingComment(facts({ closedAt: '2024-04-16T09:00:00Z' }), 'en')).toContain('Duration: 0 s');
  });

  it('the expired wording', () => {
    expect(closingComment(facts({ outcome: 'expired' }), 'en').split('\n')[0]).toBe('TeamViewer service case s119-457-589 expired.');
    expect(closingComment(facts({ outcome: 'expired' }), 'es').split('\n')[0]).toBe('Caso de servicio de TeamViewer s119-457-589 caducado.');
  });

  it('a connection record adds device, connection time, its start and the trimmed supporter notes', () => {
    const lines = closingComment(facts({ connections: [connection] }), 'en').split('\n');
    expect(lines.slice(4)).toEqual([
      `Device: ANA-LAPTOP · Connection time: 12 min 30 s · (${formatStamp(connection.start_date!, 'en')})`,
      'Supporter notes: Restarted the print spooler.',
    ]);
    const es = closingComment(facts({ connections: [connection] }), 'es').split('\n');
    expect(es[4]).toBe(`Dispositivo: ANA-LAPTOP · Tiempo de conexión: 12 min 30 s · (${formatStamp(connection.start_date!, 'es')})`);
    expect(es[5]).toBe('Notas del técnico: Restarted the print spooler.');
  });

  it('one line per connection; missing parts and blank notes are left out', () => {
    const second: TvConnectionRecord = { id: 'r2', devicename: 'PC-2', start_date: '2024-04-16T10:40:00Z', notes: '   ' };
    const third: TvConnectionRecord = { id: 'r3' };
    const lines = closingComment(facts({ connections: [connection, second, third] }), 'en').split('\n');
    expect(lines).toHaveLength(7);
    expect(lines[6]).toBe(`Device: PC-2 · (${formatStamp('2024-04-16T10:40:00Z', 'en')})`);
    expect(lines.some((l) => l.startsWith('Supporter notes:') && l.includes('PC-2'))).toBe(false);
  });

  it('contains no TeamViewer link, even with full connection records', () => {
    const text = closingComment(facts({ connections: [connection, { ...connection, id: 'r2', notes: undefined }] }), 'en');
    expect(text).not.toMatch(/https?:\/\//);
    expect(text).not.toContain('get.teamviewer.com');
    expect(text).not.toContain('servicequeuetoken');
  });
});
