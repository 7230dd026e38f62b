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

/**
 * The head both pages share, put first in each index.html's <head> (dev server and build alike): charset,
 * viewport, no referrer, not indexed, and an empty icon so the browser asks the server for no favicon.
 */
export const SHARED_HEAD = {
  name: 'kaowu-shared-head',
  transformIndexHtml: () =>
    [
      { tag: 'meta', attrs: { charset: 'UTF-8' } },
      { tag: 'meta', attrs: { name: 'viewport', content: 'width=device-width, initial-scale=1' } },
      { tag: 'meta', attrs: { name: 'referrer', content: 'no-referrer' } },
      { tag: 'meta', attrs: { name: 'robots', content: 'noindex' } },
      { tag: 'link', attrs: { rel: 'icon', href: 'data:,' } },
    ].map((t) => ({ ...t, injectTo: 'head-prepend' as const })),
};
