// Typed requests to the worker, from content scripts and extension pages alike. chrome.* (promise-based
// in MV3) rather than the polyfill: this module is in the content script, whose size is budgeted.
import type { Message, RequestType, Requests, Result } from '../shared/protocol';

export async function request<K extends RequestType>(msg: Message<K>): Promise<Result<Requests[K]['res']>> {
  try {
    return (await chrome.runtime.sendMessage(msg)) as Result<Requests[K]['res']>;
  } catch (e) {
    return { ok: false, error: { code: 'internal', detail: e instanceof Error ? e.message : String(e) } };
  }
}
