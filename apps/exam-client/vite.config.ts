import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

/**
 * The production build candidates get: external JS and CSS only (the server's CSP has no 'unsafe-inline'),
 * no source maps, no dev-only code. Served by the exam server under /exam/.
 */
export default defineConfig({
  base: '/exam/',
  plugins: [solid()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    // Inlined assets would be data: URLs; keep every asset a file the CSP allows by origin.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8000' } },
});
