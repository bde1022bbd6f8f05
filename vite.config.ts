import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { crx } from '@crxjs/vite-plugin';
import manifest from './manifest.config.ts';

/** The scripts the worker injects with chrome.scripting.executeScript({ files }): the picker and
 *  the page diagnosis, the device section. That needs no web_accessible_resources entry, but CRXJS adds one for every
 *  `?script` import, open to every http(s) page: pages could then probe the extension's files.
 *  Removed here, with the unreferenced ES chunks CRXJS leaves beside the IIFEs. */
const INJECTED = ['src/picker/', 'src/diagnosis/', 'src/devices/'];

function noWebAccessibleInjected(): Plugin {
  return {
    name: 'tv4boss:no-web-accessible-injected',
    enforce: 'post',
    // After CRXJS has written manifest.json (it renders the manifest last, in its own hooks).
    writeBundle(opts, bundle) {
      if (!opts.dir) return;
      for (const [name, out] of Object.entries(bundle)) {
        if (out.type === 'chunk' && INJECTED.some((d) => out.facadeModuleId?.endsWith(`/${d}main.iife.ts`))) unlinkSync(join(opts.dir, name));
      }
      const file = join(opts.dir, 'manifest.json');
      const m = JSON.parse(readFileSync(file, 'utf8')) as { web_accessible_resources?: { resources: string[] }[] };
      if (!m.web_accessible_resources) return;
      const war = m.web_accessible_resources
        .map((r) => ({ ...r, resources: r.resources.filter((f) => !INJECTED.some((d) => f.startsWith(d))) }))
        .filter((r) => r.resources.length > 0);
      if (war.length) m.web_accessible_resources = war;
      else delete m.web_accessible_resources;
      writeFileSync(file, `${JSON.stringify(m, null, 2)}\n`);
    },
  };
}

/** The reports page's first script (src/pages/reports/early.ts): a classic async script at the top
 *  of the page's head, so that it runs as soon as it is read, not after the modules. Emitted as a
 *  chunk of its own under a fixed name; it imports nothing at run time, so it has no module syntax. */
function reportsEarlyScript(): Plugin {
  return {
    name: 'tv4boss:reports-early-script',
    buildStart() {
      this.emitFile({ type: 'chunk', id: 'src/pages/reports/early.ts', fileName: 'src/pages/reports/early.js' });
    },
    transformIndexHtml(_html, ctx) {
      if (!ctx.path.endsWith('/src/pages/reports/index.html')) return;
      return [{ tag: 'script', attrs: { async: true, src: './early.js' }, injectTo: 'head-prepend' }];
    },
  };
}

/** The extension pages' stylesheets inline in their HTML: a <link> costs a request to the extension's
 *  files (30–50 ms on this 2-core machine), and a pending stylesheet holds back the page's module
 *  scripts, so the reports page asked for its figures and painted that much later (issue 18). The
 *  pages' CSP restricts scripts, not styles. */
function inlineStylesheets(): Plugin {
  return {
    name: 'tv4boss:inline-stylesheets',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        return html.replace(/<link rel="stylesheet"[^>]*href="\/([^"]+\.css)"[^>]*>/g, (tag, file: string) => {
          const css = ctx.bundle?.[file];
          return css?.type === 'asset' ? `<style>${String(css.source).replaceAll('</style', '<\\/style')}</style>` : tag;
        });
      },
    },
  };
}

export default defineConfig(({ mode }) => ({
  plugins: [preact(), crx({ manifest, contentScripts: { injectCss: false } }), noWebAccessibleInjected(), reportsEarlyScript(), inlineStylesheets()],
  define: { __TEST_BUILD__: JSON.stringify(mode === 'test') },
  build: {
    outDir: mode === 'test' ? 'dist-test' : 'dist',
    emptyOutDir: true,
    // The test build's maps are files beside the code (read only by DevTools): its pages and worker
    // load the same bytes as a technician's build, which the benches time.
    sourcemap: mode === 'test',
    target: 'chrome140',
    // Chrome 140+ has <link rel=modulepreload>: no polyfill script (one request less on every extension page).
    modulePreload: { polyfill: false },
    // Extension pages that the manifest does not name (CRXJS emits them as extra inputs).
    rollupOptions: { input: { reports: 'src/pages/reports/index.html', sidepanel: 'src/pages/sidepanel/index.html' } },
  },
  server: { port: 5173, strictPort: true, hmr: { port: 5173 } },
}));
