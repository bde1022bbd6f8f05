// Every key this extension keeps in chrome.storage, each with the one module that owns it (reads
// and writes it). test/storage-keys.test.ts checks that no other module names a key.

/** chrome.storage.local (locked to trusted contexts, see store/local.ts). */
export const LOCAL_KEYS = {
  /** account/credentials.ts: the script token and the account it belongs to. */
  credentials: 'vault',
  /** account/credentials.ts: the account behind the organisation's token, by fingerprint, never the token. */
  orgAccount: 'orgAccount',
  /** account/technician.ts: which TeamViewer user this browser works for (shared token). */
  technician: 'technician',
  /** account/group.ts: the BOSS group's id, per TeamViewer user. */
  group: 'group',
  /** config/settings.ts: the options page's settings. */
  settings: 'settings',
  /** config/sites.ts: help-desk origins added in the options page, with their profiles. */
  sites: 'sites',
  /** config/diagnosis.ts: the latest ticket page that did not match, per origin. */
  diagnoses: 'diagnoses',
  /** reports/sync.ts: the team-wide sync's progress, so that a stopped worker resumes where it was. */
  reportsSync: 'reportsSync',
  /** config/policy.ts: the last enterprise policy seen (used while managed storage warms up). */
  policySnapshot: 'policySnapshot',
  /** install.ts: this version, when it was installed, the version it was updated from. */
  install: 'install',
  /** devices/connections.ts: the running connections to requesters' devices, per ticket (issue 19). */
  deviceConnections: 'deviceConnections',
  /** devices/requester-devices.ts: when the token was last refused the device list (403), for the options page. */
  devicesForbidden: 'devicesForbidden',
} as const;

/** chrome.storage.session (extension contexts only; cleared with the browser session). */
export const SESSION_KEYS = {
  /** config/preview-ticket.ts: the ticket whose widget opened the options page. */
  previewTicket: 'previewTicket',
  /** account/technician.ts: the signed-in user's name, as the latest help-desk page showed it. */
  signedInName: 'signedInName',
  /** runtime/badge.ts: the cases whose connected customer the technician has seen (opened the ticket). */
  badgeSeen: 'badgeSeen',
  /** cases/watcher.ts: when the group's open list was last read, and each ticket's last look. */
  groupLooks: 'groupLooks',
  /** config/teach.ts: the tabs the picker was injected into, with their origin. */
  pickerTabs: 'pickerTabs',
} as const;

export type LocalKey = (typeof LOCAL_KEYS)[keyof typeof LOCAL_KEYS];
