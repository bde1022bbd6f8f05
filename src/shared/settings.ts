// Settings an admin can change in the options page (and, later, lock through policy).
import { DEFAULT_API_BASE } from './teamviewer/client';

export interface Settings {
  apiBaseUrl: string;
  /** Watcher period. 30 s is the minimum for a packed extension; the test build may go lower. */
  pollSeconds: number;
  notifyOnExpiry: boolean;
  /** Customer email template; empty means the default template in the technician's language. */
  emailSubject: string;
  emailBody: string;
  /** true: the reply goes out on play (the seed's behaviour); false: filled for review. */
  autoSendEmail: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  apiBaseUrl: DEFAULT_API_BASE,
  pollSeconds: 30,
  notifyOnExpiry: true,
  emailSubject: '',
  emailBody: '',
  autoSendEmail: true,
};

/** Settings as the options page sees them: with the fields an enterprise policy locks. */
export interface SettingsView {
  settings: Settings;
  locked: (keyof Settings)[];
}

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
  if (typeof patch.autoSendEmail === 'boolean') next.autoSendEmail = patch.autoSendEmail;
  if (typeof patch.emailSubject === 'string') next.emailSubject = patch.emailSubject.slice(0, 255);
  if (typeof patch.emailBody === 'string') next.emailBody = patch.emailBody.slice(0, 10_000);
  return next;
}
