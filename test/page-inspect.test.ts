// @vitest-environment happy-dom
// The page diagnosis the worker injects (src/diagnosis): which profile it reads the page with, and
// what it reports about itself.
import { describe, expect, it } from 'vitest';
import { inspect } from '../src/diagnosis/inspect';
import { BOSSDESK_PROFILE, SUPPORT_CENTRAL_PROFILE } from '../src/shared/profile/builtin';
import type { SiteProfile } from '../src/shared/profile/types';

const at = (href: string, widget = false) => {
  const doc = document.implementation.createHTMLDocument('t');
  if (widget) doc.body.append(doc.createElement('tv4boss-widget'));
  Object.defineProperty(doc, 'location', { value: new URL(href) });
  return doc;
};
const CLOUD = 'https://acme.bossdesk.io/app/en/tickets/1042';

describe('inspect', () => {
  it('reads the page with the profile whose address matches, and says whether the profiles are the site\'s own', () => {
    const r = inspect({ profiles: [SUPPORT_CENTRAL_PROFILE, BOSSDESK_PROFILE], custom: false }, at(CLOUD))!;
    expect(r.profile).toEqual({ id: BOSSDESK_PROFILE.id, name: BOSSDESK_PROFILE.name, custom: false });
    expect(r.diagnosis.url).toBe(true);
    expect(r.diagnosis.ticketId).toBe('1042');
    expect(r.origin).toBe('https://acme.bossdesk.io');
    expect('widget' in r).toBe(false);
  });

  it('a draft wins and counts as custom; the fallback reads a page no profile recognises; none: null', () => {
    const draft: SiteProfile = { ...BOSSDESK_PROFILE, id: 'draft', name: 'Draft' };
    const d = inspect({ profiles: [BOSSDESK_PROFILE], custom: false, draft, test: true }, at(CLOUD, true))!;
    expect(d.profile).toMatchObject({ id: 'draft', custom: true });
    expect(d).toMatchObject({ draft: true, widget: true });
    const other = at('https://acme.bossdesk.io/app/en/dashboard');
    expect(inspect({ profiles: [BOSSDESK_PROFILE], custom: true, fallback: SUPPORT_CENTRAL_PROFILE, test: true }, other))
      .toMatchObject({ profile: { id: SUPPORT_CENTRAL_PROFILE.id, custom: true }, widget: false, diagnosis: { url: false } });
    expect(inspect({ profiles: [BOSSDESK_PROFILE], custom: false }, other)).toBeNull();
  });
});
