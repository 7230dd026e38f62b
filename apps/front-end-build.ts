/**
 * What the console's and the exam client's Vite configs share: production builds with external JS and CSS
 * only (the server's CSP has no 'unsafe-inline'; an inlined asset would be a data: URL, so every asset stays a
 * file the CSP allows by origin), no source maps, no module-preload polyfill; in development /api goes to a
 * local server. Import-free, so each app's config resolves `vite` from its own package.
 */
export const FRONT_END_BUILD = {
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
};
