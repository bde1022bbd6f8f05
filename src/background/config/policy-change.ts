// A change of enterprise policy (chrome.storage.managed: the organisation's token added, removed or
// replaced, sites, settings) takes effect at once: the policy is read again, the sites' content
// scripts re-registered, and the events tell open widgets (connection-changed: every ticket's view
// is pushed again) and the options page (policy-changed, over its port) without a reload.
import browser from 'webextension-polyfill';
import { emit } from '../events';
import { forgetPolicy, onPolicySnapshotStale } from './policy';
import { syncContentScripts } from './sites';

/** The policy differs from what the worker used (onChanged, or a fresh read unlike the snapshot). */
export function policyChanged(): void {
  void syncContentScripts();
  emit('settings-changed', {});
  emit('connection-changed', {});
  emit('policy-changed', {});
}

/** Registered once, synchronously, at worker start (index.ts). */
export function watchPolicy(): void {
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area !== 'managed') return;
    forgetPolicy();
    policyChanged();
  });
  onPolicySnapshotStale(policyChanged);
}
