// The device section's bundle entry (issue 19). Injected by the worker with
// chrome.scripting.executeScript into a ticket tab whose view has devices, never listed in the
// manifest; self-contained (.iife). It only registers the section for the widget to render.
import { DEVICES_GLOBAL, devicesSection } from './section';

(globalThis as Record<string, unknown>)[DEVICES_GLOBAL] = devicesSection;
