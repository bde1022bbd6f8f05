// The browser's own CSS parser, for validating site profiles typed in the options page.
export function selectorParses(selector: string): boolean {
  try {
    document.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}
