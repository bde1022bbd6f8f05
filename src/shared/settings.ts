// Settings an admin can change in the options page or lock through enterprise policy. Pure.

import { MAX_LENGTH as EMAIL_MAX } from './email-template';
import { LOOPBACK_HOST } from './links';

export const DEFAULT_API_BASE = 'https://webapi.teamviewer.com/api/v1';

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

/** What a build allows: packed extensions alarm at most every 30 s; only the test build talks to
 *  a TeamViewer sandbox on loopback. */
export interface SettingsLimits {
  minPollSeconds: number;
  allowLoopbackApi: boolean;
}


export function validApiBaseUrl(url: string, allowLoopback: boolean): boolean {
  try {
    const u = new URL(url);
    if (u.username || u.password || u.search || u.hash) return false;
    if (LOOPBACK_HOST.test(u.hostname)) return allowLoopback && (u.protocol === 'http:' || u.protocol === 'https:');
    return u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The address as stored: trimmed, without trailing slashes. */
export const normalizeApiBaseUrl = (url: string) => url.trim().replace(/\/+$/, '');

export function mergeSettings(current: Settings, patch: Partial<Settings>, limits: SettingsLimits): Settings {
  const next = { ...current };
  if (typeof patch.apiBaseUrl === 'string' && validApiBaseUrl(patch.apiBaseUrl.trim(), limits.allowLoopbackApi)) next.apiBaseUrl = normalizeApiBaseUrl(patch.apiBaseUrl);
  if (typeof patch.pollSeconds === 'number' && Number.isFinite(patch.pollSeconds)) {
    next.pollSeconds = Math.min(3600, Math.max(limits.minPollSeconds, Math.round(patch.pollSeconds)));
  }
  if (typeof patch.notifyOnExpiry === 'boolean') next.notifyOnExpiry = patch.notifyOnExpiry;
  if (typeof patch.autoSendEmail === 'boolean') next.autoSendEmail = patch.autoSendEmail;
  if (typeof patch.emailSubject === 'string') next.emailSubject = patch.emailSubject.slice(0, EMAIL_MAX.subject);
  if (typeof patch.emailBody === 'string') next.emailBody = patch.emailBody.slice(0, EMAIL_MAX.body);
  return next;
}
