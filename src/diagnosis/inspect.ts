// Reads the help-desk page the worker injected this script into with a site profile and says what
// matched ("Test on this page", and a ticket page that never became readable). It lives outside
// the content script that every ticket page loads, whose size is budgeted: only the worker loads
// it, on demand (background/config/page-diagnosis.ts).
import { diagnose, ticketIdFromUrl } from '../shared/profile/read';
import type { PageReport } from '../shared/profile/report';
import type { SiteProfile } from '../shared/profile/types';

export interface InspectRequest {
  /** The profiles this page is read with (the worker's profilesForPage) and whether they are the site's own. */
  profiles: SiteProfile[];
  custom: boolean;
  /** "Test on this page": the options page's unsaved profile, tried instead of the one in use. */
  draft?: SiteProfile;
  /** "Test on this page" on a page no profile recognises: the one to read it with. */
  fallback?: SiteProfile;
  /** "Test on this page" (not the content script's own report): also says whether the widget is there. */
  test?: boolean;
}

/** The global the worker calls after injecting this script (in the extension's isolated world,
 *  which the page cannot see). */
export const INSPECT_GLOBAL = 'tv4bossInspect';

export function inspect(req: InspectRequest, doc: Document = document): PageReport | null {
  const url = new URL(doc.location.href);
  const profile = req.draft ?? req.profiles.find((p) => ticketIdFromUrl(p, url)) ?? req.fallback;
  if (!profile) return null;
  return {
    origin: url.origin, url: url.href, at: Date.now(),
    profile: { id: profile.id, name: profile.name, custom: req.draft ? true : req.custom },
    diagnosis: diagnose(doc, profile, url),
    ...(req.test ? { widget: !!doc.querySelector('tv4boss-widget') } : {}),
    ...(req.draft ? { draft: true } : {}),
  };
}
