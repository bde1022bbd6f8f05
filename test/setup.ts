// Unit tests run without a browser: the polyfill is replaced by @webext-core/fake-browser and
// IndexedDB by fake-indexeddb.
import 'fake-indexeddb/auto';
import { vi } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));
