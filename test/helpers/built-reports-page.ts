// The reports page as Vite builds it (vite.config.ts: early.js first, then the module script and its
// preloads, the stylesheet inline), for the tests of the worker's prerendered page.
export const BUILT = `<!doctype html>
<html>
  <head>
    <script async src="./early.js"></script>
    <meta charset="utf-8" />
    <title>TeamViewer for BOSS</title>
    <script type="module" crossorigin src="/assets/reports-lI9uZUMB.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/jsxRuntime-BMvJLpxS.js">
    <link rel="modulepreload" crossorigin href="/assets/i18n-IGIzGqxx.js">
    <style>main{margin:0}</style>
  </head>
  <body>
    <div id="app"></div>
  </body>
</html>`;
