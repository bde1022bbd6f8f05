import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { crx } from '@crxjs/vite-plugin';
import manifest from './manifest.config.ts';

export default defineConfig(({ mode }) => ({
  plugins: [preact(), crx({ manifest, contentScripts: { injectCss: false } })],
  define: { __TEST_BUILD__: JSON.stringify(mode === 'test') },
  build: {
    outDir: mode === 'test' ? 'dist-test' : 'dist',
    emptyOutDir: true,
    sourcemap: mode === 'test' ? 'inline' : false,
    target: 'chrome140',
    // Extension pages that the manifest does not name (CRXJS emits them as extra inputs).
    rollupOptions: { input: { reports: 'src/pages/reports/index.html', sidepanel: 'src/pages/sidepanel/index.html' } },
  },
  server: { port: 5173, strictPort: true, hmr: { port: 5173 } },
}));
