// Unit tests run without a browser: the polyfill is replaced by @webext-core/fake-browser and
// IndexedDB by fake-indexeddb.
import 'fake-indexeddb/auto';
import { vi } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));

// What the code reaches through the global `chrome` rather than the polyfill: the storage lock
// (fake-browser has no setAccessLevel) and i18n (used by content-script code, which skips the
// polyfill for size). The messages themselves are glue: keys stand for their text.
vi.stubGlobal('chrome', {
  storage: { local: { setAccessLevel: async () => undefined }, managed: { setAccessLevel: async () => undefined } },
  i18n: { getMessage: (key: string) => (key === 'locale' ? 'en' : key), getUILanguage: () => 'en-US' },
});
