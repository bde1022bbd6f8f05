// The picker's bundle entry ("Teach on this page"). Injected by the worker with
// chrome.scripting.executeScript when the administrator clicks, never listed in the manifest: the
// content script that every ticket page loads does not carry it. Self-contained (.iife).
import { openPicker } from './mount';

openPicker();
