// Who may talk to the worker. Fails closed: an unknown sender gets nothing.
import browser from 'webextension-polyfill';
import { originOfUrl } from '../../shared/sites';
import { isHelpdeskOrigin } from '../config/sites';

export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number };
  frameId?: number;
}

const extensionOrigin = () => new URL(browser.runtime.getURL('/')).origin;

export function isExtensionPage(sender: SenderLike): boolean {
  if (sender.id !== browser.runtime.id || !sender.url) return false;
  return originOfUrl(sender.url) === extensionOrigin();
}

/** A content script of ours, in the top frame of a tab on a help-desk site. Returns its origin. */
export async function helpdeskSenderOrigin(sender: SenderLike): Promise<string | undefined> {
  if (sender.id !== browser.runtime.id || !sender.tab || sender.frameId !== 0 || !sender.url) return undefined;
  const origin = originOfUrl(sender.url);
  return origin && origin !== extensionOrigin() && (await isHelpdeskOrigin(origin)) ? origin : undefined;
}
