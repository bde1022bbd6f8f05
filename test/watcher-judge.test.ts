import { describe, it, expect } from 'vitest';
import { judgeCase } from '../src/background/cases/watcher';
import type { TvSession } from '../src/shared/teamviewer/types';

const NOW = Date.parse('2025-11-24T10:00:00Z');
const LATER = '2025-11-25T10:00:00Z';
const EARLIER = '2025-11-24T09:59:59Z';

function listed(over: Partial<TvSession> = {}): TvSession {
  return {
    code: 's119-457-589', state: 'Open', groupid: 'g272032545',
    end_customer_link: 'https://get.teamviewer.com/v15/s119457589',
    supporter_link: 'https://get.teamviewer.com/v15/s119457589-AEG8iPEEzz96',
    created_at: '2025-11-24T09:00:00Z', valid_until: LATER, online: false,
    ...over,
  };
}

describe('judgeCase', () => {
  it('none: the list agrees with the record', () => {
    expect(judgeCase({ online: false, validUntil: LATER }, listed(), NOW)).toBe('none');
    expect(judgeCase({ online: true, validUntil: LATER }, listed({ online: true }), NOW)).toBe('none');
    // A missing `online` on either side means offline.
    expect(judgeCase({ validUntil: LATER }, listed({ online: undefined }), NOW)).toBe('none');
  });

  it('expired by the listed valid_until (the state stays "Open" in TeamViewer)', () => {
    expect(judgeCase({ online: false, validUntil: LATER }, listed({ valid_until: EARLIER }), NOW)).toBe('expired');
    // Exactly at valid_until counts as expired.
    expect(judgeCase({ online: false, validUntil: LATER }, listed({ valid_until: new Date(NOW).toISOString() }), NOW)).toBe('expired');
    // Expiry wins over an online flip.
    expect(judgeCase({ online: false, validUntil: LATER }, listed({ valid_until: EARLIER, online: true }), NOW)).toBe('expired');
  });

  it('the listed valid_until wins over the record’s own', () => {
    // Extended in TeamViewer: the record's past date does not expire it.
    expect(judgeCase({ online: false, validUntil: EARLIER }, listed({ valid_until: LATER }), NOW)).toBe('valid_until');
  });

  it('expired by the record’s own validUntil when the case is not listed', () => {
    expect(judgeCase({ online: false, validUntil: EARLIER }, undefined, NOW)).toBe('expired');
  });

  it('missing: not listed and not expired (the tick confirms with TeamViewer before closing it)', () => {
    expect(judgeCase({ online: true, validUntil: LATER }, undefined, NOW)).toBe('missing');
    // No date at all on the record: cannot be expired, so it was closed.
    expect(judgeCase({ online: false }, undefined, NOW)).toBe('missing');
    expect(judgeCase({ online: false, validUntil: 'garbage' }, undefined, NOW)).toBe('missing');
  });

  it('online / offline flips', () => {
    expect(judgeCase({ online: false, validUntil: LATER }, listed({ online: true }), NOW)).toBe('online');
    expect(judgeCase({ validUntil: LATER }, listed({ online: true }), NOW)).toBe('online');
    expect(judgeCase({ online: true, validUntil: LATER }, listed({ online: false }), NOW)).toBe('offline');
    expect(judgeCase({ online: true, validUntil: LATER }, listed({ online: undefined }), NOW)).toBe('offline');
  });

  it('an online flip is reported before a valid_until change', () => {
    const other = '2025-11-26T10:00:00Z';
    expect(judgeCase({ online: false, validUntil: LATER }, listed({ online: true, valid_until: other }), NOW)).toBe('online');
  });

  it('valid_until: the listed date differs from the recorded one', () => {
    expect(judgeCase({ online: false, validUntil: LATER }, listed({ valid_until: '2025-11-26T10:00:00Z' }), NOW)).toBe('valid_until');
    expect(judgeCase({ online: false }, listed(), NOW)).toBe('valid_until');
  });
});
