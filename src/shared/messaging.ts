// Typed requests to the worker, from content scripts and extension pages alike.
import browser from 'webextension-polyfill';
import type { Message, RequestType, Requests, Result } from './protocol';

export async function request<K extends RequestType>(msg: Message<K>): Promise<Result<Requests[K]['res']>> {
  try {
    return (await browser.runtime.sendMessage(msg)) as Result<Requests[K]['res']>;
  } catch (e) {
    return { ok: false, error: { code: 'internal', detail: e instanceof Error ? e.message : String(e) } };
  }
}
