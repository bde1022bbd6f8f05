// Addresses from the TeamViewer API end up in the page as links: only where they are what they
// claim to be. A compromised or misconfigured API (the address is an admin setting) must not be
// able to put a javascript: or data: URL under the technician's click. The check is the worker's
// own (shared/links.ts); this only gives the normalised address.
import { isSafeLink } from '../../shared/links';

/** The address for an `href`: https only, or http on a loopback host in the test build (its
 *  TeamViewer sandbox runs there). Undefined otherwise: show the address as text. */
export function safeHref(url: string | undefined, testBuild: boolean = __TEST_BUILD__): string | undefined {
  return isSafeLink(url, testBuild) ? new URL(url).href : undefined;
}
