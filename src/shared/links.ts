// Links that come from TeamViewer's API are opened or shown only when they are https (or, in the
// test build, http on loopback, where the sandbox runs). Pure.
/** Loopback host names (the test build's sandbox and demo desk live there). */
export const LOOPBACK_HOST = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

export function isSafeLink(url: string | undefined, allowLoopbackHttp: boolean): url is string {
  if (!url) return false;
  try {
    const u = new URL(url);
    if (u.username || u.password) return false;
    return u.protocol === 'https:' || (allowLoopbackHttp && u.protocol === 'http:' && LOOPBACK_HOST.test(u.hostname));
  } catch {
    return false;
  }
}
