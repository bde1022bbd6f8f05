// Stands in for the reports page's main module in test/reports-prerender.test.tsx: says it was loaded.
declare global {
  var tv4bossMainLoads: number | undefined;
}
globalThis.tv4bossMainLoads = (globalThis.tv4bossMainLoads ?? 0) + 1;
export {};
