import type { apiRoutes } from './app.ts';

/**
 * The contract of the JSON API under /api: every route with its parameters, body and response types. The front
 * ends import this type only (`import type`), build `hc<AppType>('/api')` from `hono/client`, and so fail their
 * typecheck when a route's shape changes. Nothing of the server enters their bundles.
 */
export type AppType = ReturnType<typeof apiRoutes>;
