// Settings an admin can change in the options page (and, later, lock through policy).
import { DEFAULT_API_BASE } from './teamviewer/client';

export interface Settings {
  apiBaseUrl: string;
  /** Watcher period. 30 s is the minimum for a packed extension; the test build may go lower. */
  pollSeconds: number;
  notifyOnExpiry: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  apiBaseUrl: DEFAULT_API_BASE,
  pollSeconds: 30,
  notifyOnExpiry: true,
};

export function validApiBaseUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || (u.protocol === 'http:' && /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(u.hostname));
  } catch {
    return false;
  }
}

export function mergeSettings(current: Settings, patch: Partial<Settings>, minPollSeconds: number): Settings {
  const next = { ...current };
  if (typeof patch.apiBaseUrl === 'string' && validApiBaseUrl(patch.apiBaseUrl.trim())) next.apiBaseUrl = patch.apiBaseUrl.trim().replace(/\/+$/, '');
  if (typeof patch.pollSeconds === 'number' && Number.isFinite(patch.pollSeconds)) {
    next.pollSeconds = Math.min(3600, Math.max(minPollSeconds, Math.round(patch.pollSeconds)));
  }
  if (typeof patch.notifyOnExpiry === 'boolean') next.notifyOnExpiry = patch.notifyOnExpiry;
  return next;
}
