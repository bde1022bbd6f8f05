// The content script's bundle entry. The .iife name makes CRXJS build one self-contained file:
// no loader and no dynamic import, so no web_accessible_resources are needed for the on-prem
// origins registered at run time (and the page cannot probe the extension's files).
import './index';
