// Keyboard shortcuts (chrome.commands, changeable at chrome://extensions/shortcuts), issue 17:
// - toggle-session: on a ticket tab with the widget, what play or stop would do (stop asks for
//   confirmation in the page's widget); elsewhere a short notification says there is no ticket.
// - open-panel: the side panel. sidePanel.open() needs the user gesture, which is lost after the
//   first await: it is called first, synchronously, in the listener.
import browser from 'webextension-polyfill';
import type { TabRequest } from '../../shared/protocol';

export const TOGGLE_COMMAND = 'toggle-session';
export const PANEL_COMMAND = 'open-panel';

const t = (key: string) => browser.i18n.getMessage(key);

/** Asks the tab's widget to toggle; false when there is no widget there (no content script, not a
 *  ticket, not connected). */
async function toggleInTab(tabId: number): Promise<boolean> {
  try {
    return (await chrome.tabs.sendMessage(tabId, { type: 'tab/toggle' } satisfies TabRequest, { frameId: 0 })) === true;
  } catch {
    return false; // no content script in that tab
  }
}

async function activeTabId(): Promise<number | undefined> {
  const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
  return tab?.id;
}

/** The toggle shortcut: true when a widget took it, else the "no ticket here" notification. */
export async function toggleSession(tabId?: number): Promise<boolean> {
  const id = tabId ?? (await activeTabId());
  if (id !== undefined && id >= 0 && (await toggleInTab(id))) return true;
  await browser.notifications.create('no-ticket', {
    type: 'basic', iconUrl: browser.runtime.getURL('icons/icon128.png'), title: t('cmdNoTicketTitle'), message: t('cmdNoTicket'),
  });
  return false;
}

/** The commands listener. Not async: sidePanel.open() runs before anything is awaited. */
export function onCommand(command: string, tab?: chrome.tabs.Tab): Promise<unknown> {
  if (command === PANEL_COMMAND) {
    const opened = tab?.windowId !== undefined
      ? chrome.sidePanel.open({ windowId: tab.windowId })
      : chrome.windows.getLastFocused().then((w) => chrome.sidePanel.open({ windowId: w.id! }));
    return opened.catch((e: unknown) => console.warn('side panel not opened', e));
  }
  if (command === TOGGLE_COMMAND) return toggleSession(tab?.id);
  return Promise.resolve();
}
