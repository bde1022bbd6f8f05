// Addresses from the TeamViewer API end up in the page as links: only where they are what they
// claim to be. A compromised or misconfigured API (the address is an admin setting) must not be
// able to put a javascript: or data: URL under the technician's click.

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** The address for an `href`: https only, or http on a loopback host in the test build (its
 *  TeamViewer sandbox runs there). Undefined otherwise: show the address as text. */
export function safeHref(url: string | undefined, testBuild: boolean = __TEST_BUILD__): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    if (u.protocol === 'https:' || (testBuild && u.protocol === 'http:' && LOOPBACK.test(u.hostname))) return u.href;
  } catch {
    // not an absolute URL
  }
  return undefined;
}
