// Sites, enterprise policy and page reports: origin checks, which origins the manifest already
// covers, policy parsing (policy wins, bad values ignored and named), the diagnosis line.
import { describe, it, expect, beforeEach } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';
import { normalizeSiteOrigin } from '../src/shared/sites';
import { coveredByManifest } from '../src/background/config/sites';
import { forgetPolicy, parsePolicy } from '../src/background/config/policy';
import { getSettings, getSettingsView, updateSettings } from '../src/background/config/settings';
import { blocking, describeMiss, missingFields, sanitizeReport, type PageReport } from '../src/shared/profile/report';
import { profileToJson } from '../src/shared/profile/validate';
import { SUPPORT_CENTRAL_PROFILE } from '../src/shared/profile/builtin';
import { DEFAULT_SETTINGS } from '../src/shared/settings';
import { TICKET_FIELDS } from '../src/shared/ticket';


describe('normalizeSiteOrigin', () => {
  it('reduces an address to its origin; https assumed; http allowed but flagged', () => {
    expect(normalizeSiteOrigin('https://desk.corp.local/BOSSSupportCentral/ServiceRecords.aspx?x=1')).toEqual({ ok: true, origin: 'https://desk.corp.local', insecure: false });
    expect(normalizeSiteOrigin('  desk.corp.local:8443 ')).toEqual({ ok: true, origin: 'https://desk.corp.local:8443', insecure: false });
    expect(normalizeSiteOrigin('HTTP://Desk.Corp.Local:80/')).toEqual({ ok: true, origin: 'http://desk.corp.local', insecure: true });
    expect(normalizeSiteOrigin('http://127.0.0.2:4021')).toEqual({ ok: true, origin: 'http://127.0.0.2:4021', insecure: true });
  });

  it('refuses what cannot be a help desk origin', () => {
    expect(normalizeSiteOrigin('')).toEqual({ ok: false, reason: 'invalid' });
    expect(normalizeSiteOrigin('https://')).toEqual({ ok: false, reason: 'invalid' });
    expect(normalizeSiteOrigin('https://*.corp.local')).toEqual({ ok: false, reason: 'wildcard' });
    expect(normalizeSiteOrigin('ftp://desk.corp.local')).toEqual({ ok: false, reason: 'scheme' });
    expect(normalizeSiteOrigin('javascript:alert(1)')).toEqual({ ok: false, reason: 'scheme' });
    expect(normalizeSiteOrigin('https://admin:pw@desk.corp.local')).toEqual({ ok: false, reason: 'credentials' });
  });
});

describe('coveredByManifest', () => {
  const matches = ['https://*.bossdesk.io/*', 'http://localhost/*'];
  it('cloud tenants and (test build) localhost on any port need no registered script', () => {
    expect(coveredByManifest('https://acme.bossdesk.io', matches)).toBe(true);
    expect(coveredByManifest('https://bossdesk.io', matches)).toBe(true);
    expect(coveredByManifest('http://localhost:4020', matches)).toBe(true);
  });
  it('everything else does', () => {
    expect(coveredByManifest('http://acme.bossdesk.io', matches)).toBe(false);
    expect(coveredByManifest('https://evilbossdesk.io', matches)).toBe(false);
    expect(coveredByManifest('http://127.0.0.2:4021', matches)).toBe(false);
    expect(coveredByManifest('https://desk.corp.local', matches)).toBe(false);
    expect(coveredByManifest('https://desk.corp.local', ['http://desk.corp.local:8080/*'])).toBe(false);
    expect(coveredByManifest('http://desk.corp.local:8080', ['http://desk.corp.local:8080/*'])).toBe(true);
  });
});

/** A packed production build: alarms every 30 s at least, no loopback API address. */
const PRODUCTION = { minPollSeconds: 30, allowLoopbackApi: false };

describe('parsePolicy', () => {
  it('settings: valid values are normalised and locked; others ignored and named', () => {
    const p = parsePolicy({
      apiBaseUrl: 'https://tv.example.com/api/v1/', pollSeconds: 5, autoSendEmail: false, emailSubject: 'Remote session',
      emailBody: 42, unknownKey: true,
    }, PRODUCTION);
    expect(p.settings).toEqual({ apiBaseUrl: 'https://tv.example.com/api/v1', pollSeconds: 30, autoSendEmail: false, emailSubject: 'Remote session' });
    expect(p.locked).toEqual(['apiBaseUrl', 'emailSubject', 'autoSendEmail', 'pollSeconds']);
    expect(p.errors).toEqual(['emailBody: invalid value ignored']);
  });

  it('an API address that is not https (or loopback http) is not applied', () => {
    const p = parsePolicy({ apiBaseUrl: 'http://tv.example.com/api/v1' }, PRODUCTION);
    expect(p.locked).toEqual([]);
    expect(p.errors).toEqual(['apiBaseUrl: invalid value ignored']);
  });

  it('helpdeskSites: origins normalised, duplicates dropped, bad entries named', () => {
    const p = parsePolicy({
      helpdeskSites: [
        { origin: 'https://desk.corp.local/BOSSSupportCentral/' }, { origin: 'https://desk.corp.local' },
        { origin: 'http://10.0.0.5:8080' }, { origin: 'ftp://x' }, { nope: true }, 'https://plain.string.example',
      ],
    }, PRODUCTION);
    expect(p.sites).toEqual([
      { origin: 'https://desk.corp.local', insecure: false },
      { origin: 'http://10.0.0.5:8080', insecure: true },
      { origin: 'https://plain.string.example', insecure: false },
    ]);
    expect(p.errors).toEqual(['helpdeskSites[3].origin: scheme', 'helpdeskSites[4].origin: invalid']);
    expect(parsePolicy({ helpdeskSites: 'https://x' }, PRODUCTION).errors).toEqual(['helpdeskSites: must be a list']);
  });

  it('a site profile as JSON text (or an object) is validated; an invalid one keeps the site on built-ins', () => {
    const good = { ...SUPPORT_CENTRAL_PROFILE, id: 'policy-bsc' };
    const p = parsePolicy({
      helpdeskSites: [
        { origin: 'https://a.corp.local', profile: profileToJson(good) },
        { origin: 'https://b.corp.local', profile: good },
        { origin: 'https://c.corp.local', profile: '{"version": 2}' },
        { origin: 'https://d.corp.local', profile: '' },
      ],
    }, PRODUCTION);
    expect(p.sites[0]!.profile).toEqual(good);
    expect(p.sites[1]!.profile).toEqual(good);
    expect(p.sites[2]!.profile).toBeUndefined();
    expect(p.sites[2]!.profileErrors).toContain('version: must be 1');
    expect(p.sites[3]).toEqual({ origin: 'https://d.corp.local', insecure: false });
  });
});

describe('settings with a policy (chrome.storage.managed)', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    forgetPolicy();
  });

  it('policy wins, is reported as locked, and a locked key cannot be changed locally', async () => {
    await updateSettings({ apiBaseUrl: 'https://mine.example.com/api/v1', pollSeconds: 60 });
    await fakeBrowser.storage.managed.set({ apiBaseUrl: 'https://policy.example.com/api/v1', pollSeconds: 5 });
    forgetPolicy(); // what storage.onChanged('managed') does in the worker
    expect(await getSettings()).toMatchObject({ apiBaseUrl: 'https://policy.example.com/api/v1', pollSeconds: 5 });
    expect((await getSettingsView()).locked).toEqual(['apiBaseUrl', 'pollSeconds']);

    const after = (await updateSettings({ apiBaseUrl: 'https://other.example.com/api/v1', notifyOnExpiry: false })).settings;
    expect(after).toMatchObject({ apiBaseUrl: 'https://policy.example.com/api/v1', notifyOnExpiry: false });

    // Without the policy the admin's own values come back, not copies of the policy's.
    await fakeBrowser.storage.managed.clear();
    forgetPolicy();
    expect(await getSettings()).toMatchObject({ apiBaseUrl: 'https://mine.example.com/api/v1', pollSeconds: 60, notifyOnExpiry: false });
    expect((await getSettingsView()).locked).toEqual([]);
  });

  it('no policy: defaults, nothing locked', async () => {
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
    expect((await getSettingsView()).locked).toEqual([]);
  });
});

describe('page reports', () => {
  const fields = Object.fromEntries(TICKET_FIELDS.map((f) => [f, 'x'])) as PageReport['diagnosis']['fields'];
  const report = (over: Partial<PageReport['diagnosis']> = {}): PageReport => ({
    origin: 'http://127.0.0.2:4021', url: 'http://127.0.0.2:4021/BOSSSupportCentral/ServiceRecord.aspx?id=1042', at: 1,
    profile: { id: 'p', name: 'BOSS Support Central (on-prem)', custom: true },
    diagnosis: { url: true, ticketId: '1042', fields: { ...fields }, mount: true, comment: true, reply: true, close: true, ...over },
  });

  it('blocking: no mount point, or no number or title', () => {
    expect(blocking(report().diagnosis)).toBe(false);
    expect(blocking(report({ mount: false }).diagnosis)).toBe(true);
    expect(blocking(report({ fields: { ...fields, title: null } }).diagnosis)).toBe(true);
    expect(blocking(report({ fields: { ...fields, category: null } }).diagnosis)).toBe(false);
  });

  it('describeMiss names the mount point and every missing field', () => {
    const r = report({ mount: false, fields: { ...fields, category: null, source: null } });
    expect(missingFields(r.diagnosis)).toEqual(['category', 'source']);
    expect(describeMiss(r)).toBe('BOSS Support Central (on-prem): mount point did not match; fields not found: category, source');
  });

  it('sanitizeReport: the sender’s origin, bounded text, booleans, only known fields', () => {
    const raw = report({ fields: { ...fields, title: 'y'.repeat(5000), evil: 'z' } as never, mount: 'yes' as never });
    const s = sanitizeReport({ ...raw, origin: 'https://elsewhere.example' }, 'http://127.0.0.2:4021');
    expect(s.origin).toBe('http://127.0.0.2:4021');
    expect(s.diagnosis.fields.title).toHaveLength(200);
    expect(Object.keys(s.diagnosis.fields)).toEqual([...TICKET_FIELDS]);
    expect(s.diagnosis.mount).toBe(true);
    expect(sanitizeReport(null as never, 'o').diagnosis.fields.number).toBeNull();
  });
});
