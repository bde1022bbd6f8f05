// The reports page's HTML with its first frame in it: the worker's answer to the page's navigation
// (background/reports/page-fetch.ts). The frame's markup goes in the app's element, the figures it
// shows go as JSON in a data block at the top of the head, for the page's code (first-figures.ts),
// which takes them over instead of asking. pages/reports/early.ts names the same id (it may import
// nothing at run time).
export const FIRST_FIGURES_ID = 'tv4boss-first-figures';

const HEAD = '<head>';
const APP = '<div id="app"></div>';
const MAIN = /<script type="module"[^>]*\ssrc="([^"]+)"[^>]*><\/script>/;
const PRELOADS = /<link rel="modulepreload"[^>]*>/g;

/**
 * The page `html` with `markup` in its app element and `figures` in its head; undefined when the
 * page has no such places (a build that changed them: the page then loads as it is). The page's
 * module script moves to the data block (`data-main`): early.ts loads it once the frame is painted
 * (run before it, the page's modules held that paint back ~35 ms here).
 */
export function withFirstFrame(html: string, figures: unknown, markup: string): string | undefined {
  const main = MAIN.exec(html);
  const page = html.replace(MAIN, '').replace(PRELOADS, '');
  const head = page.indexOf(HEAD);
  const app = page.indexOf(APP);
  if (!main || head < 0 || app < head) return undefined;
  // A data block ends at the first "</script": JSON writes no "<" (\u003c reads back the same).
  const json = JSON.stringify(figures).replaceAll('<', '\\u003c');
  const data = `<script type="application/json" id="${FIRST_FIGURES_ID}" data-main="${main[1]}">${json}</script>`;
  const at = head + HEAD.length;
  return `${page.slice(0, at)}${data}${page.slice(at, app)}<div id="app">${markup}</div>${page.slice(app + APP.length)}`;
}
