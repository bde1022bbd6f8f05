// The page diagnosis' bundle entry. Injected by the worker with chrome.scripting.executeScript,
// never listed in the manifest; self-contained (.iife). It only defines the function the worker then
// calls with its request (a second executeScript, whose result the worker gets back).
import { INSPECT_GLOBAL, inspect } from './inspect';

(globalThis as Record<string, unknown>)[INSPECT_GLOBAL] = inspect;
