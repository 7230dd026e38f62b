import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

/** The console's production build, served by the server under /console/: external JS and CSS only (strict CSP), no source maps. */
export default defineConfig({
  base: '/console/',
  plugins: [solid()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8000' } },
});
