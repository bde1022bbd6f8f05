import { describe, expect, it } from 'vitest';
import { canMatch, fold, isConnectionOf, isStartLink, matchDevices, MAX_DEVICES, requesterKey, startLink } from '../src/shared/devices';
import type { TvDevice } from '../src/shared/teamviewer/types';

let seq = 100_000_000;
const dev = (alias: string, online = false, description?: string): TvDevice =>
  ({ remotecontrol_id: `r${seq++}`, alias, description, online_state: online ? 'Online' : 'Offline' });
const names = (ds: TvDevice[]) => ds.map((d) => d.alias);

describe('fold', () => {
  it('ignores case, accents and punctuation', () => {
    expect(fold('PC-ANA_Ruíz  (07)')).toBe('pc ana ruiz 07');
    expect(fold('Ana Ruiz – laptop')).toBe('ana ruiz laptop');
    expect(fold('MUÑOZ.josé')).toBe('munoz jose');
  });
});

describe('matchDevices', () => {
  it('finds the name in an alias or a description, accents and punctuation ignored', () => {
    const ds = [dev('PC-ANA-RUIZ'), dev('LAPTOP-42', false, 'Ana Ruíz – laptop'), dev('PC-BOB'), dev('PC-JUANA-RUIZ')];
    expect(names(matchDevices(ds, { name: 'Ana Ruiz' }))).toEqual(['LAPTOP-42', 'PC-ANA-RUIZ']);
  });
  it('matches the email by its local part, as whole words', () => {
    const ds = [dev('PC-ANA.RUIZ'), dev('PC-ANARUIZ2'), dev('WS', false, 'desk of aruiz')];
    expect(names(matchDevices(ds, { email: 'ana.ruiz@example.com' }))).toEqual(['PC-ANA.RUIZ']);
    expect(names(matchDevices(ds, { email: 'ARuiz@example.com' }))).toEqual(['WS']);
  });
  it('matches the profile\'s asset field to an alias exactly (folded), not inside one', () => {
    const ds = [dev('PC-ANA-07'), dev('PC-ANA-07-OLD'), dev('pc ana 7')];
    expect(names(matchDevices(ds, { asset: 'pc_ana_07' }))).toEqual(['PC-ANA-07']);
  });
  it('puts online devices first, then the rule that matched (asset, email, name)', () => {
    const ds = [dev('ANA RUIZ OLD'), dev('X-ANA-RUIZ', false), dev('ANA.RUIZ-HOME', true), dev('PC-ANA-07'), dev('BY NAME', true, 'Ana Ruiz')];
    const got = names(matchDevices(ds, { asset: 'PC-ANA-07', email: 'ana.ruiz@example.com', name: 'Ana Ruiz' }));
    expect(got.slice(0, 2)).toEqual(['ANA.RUIZ-HOME', 'BY NAME']);
    expect(got[2]).toBe('PC-ANA-07');
    expect(got.slice(3)).toEqual(['ANA RUIZ OLD', 'X-ANA-RUIZ']);
  });
  it('shows at most five, and each device once', () => {
    const ds = Array.from({ length: 8 }, (_, i) => dev(`PC-ANA-RUIZ-${i}`, i % 2 === 0));
    const got = matchDevices([...ds, ds[0]!], { name: 'Ana Ruiz' });
    expect(got).toHaveLength(MAX_DEVICES);
    expect(new Set(got).size).toBe(MAX_DEVICES);
    expect(got.slice(0, 4).every((d) => d.online_state === 'Online')).toBe(true);
  });
  it('matches nothing on an empty or too short requester', () => {
    const ds = [dev('PC-AL'), dev('AL')];
    expect(matchDevices(ds, {})).toEqual([]);
    expect(matchDevices(ds, { name: 'Al', email: 'al@x.io' })).toEqual([]);
    expect(canMatch({ name: 'Al' })).toBe(false);
    expect(canMatch({ name: 'Ana Ruiz' })).toBe(true);
    expect(requesterKey({ name: 'Ána Ruiz' })).toBe(requesterKey({ name: 'ana  ruiz' }));
  });
});

describe('start link', () => {
  it('is https on start.teamviewer.com with the id without its "r"', () => {
    expect(startLink('r123456789')).toBe('https://start.teamviewer.com/123456789');
    expect(startLink('123456789')).toBe('https://start.teamviewer.com/123456789');
    expect(startLink('r12/../x')).toBeUndefined();
    expect(startLink(undefined)).toBeUndefined();
    expect(isStartLink('https://start.teamviewer.com/123456789')).toBe(true);
    expect(isStartLink('http://start.teamviewer.com/123456789')).toBe(false);
    expect(isStartLink('https://start.teamviewer.com.evil.io/1')).toBe(false);
    expect(isStartLink('https://user@start.teamviewer.com/1')).toBe(false);
  });
});

describe('isConnectionOf', () => {
  const d = { remotecontrolId: 'r123456789', deviceId: 'd42', name: 'PC-ANA-07' };
  const since = Date.parse('2026-01-01T10:00:00Z');
  it('takes a report of that device, by id or name, started after the connect', () => {
    expect(isConnectionOf({ deviceid: 'r123456789', start_date: '2026-01-01T10:00:30Z' }, d, since)).toBe(true);
    expect(isConnectionOf({ deviceid: 'other', devicename: 'pc ana 07', start_date: '2026-01-01T10:01:00Z' }, d, since)).toBe(true);
    expect(isConnectionOf({ deviceid: 'r123456789', start_date: '2026-01-01T09:00:00Z' }, d, since)).toBe(false);
    expect(isConnectionOf({ deviceid: 'r123456789', start_date: '2026-01-01T10:01:00Z', session_code: 's1' }, d, since)).toBe(false);
    expect(isConnectionOf({ deviceid: 'r9', devicename: 'PC-BOB', start_date: '2026-01-01T10:01:00Z' }, d, since)).toBe(false);
  });
});
