import type { SebRequest } from '@kaowu/services';
import type { Context } from 'hono';
import { requestHeader } from './node-bindings.ts';

/**
 * The request as Safe Exam Browser hashes it: the absolute URL the browser asked for (scheme, Host header, path
 * and query; a fragment never reaches the server) and the X-SafeExamBrowser-ConfigKeyHash it sent.
 */
export const sebRequest = (c: Context): SebRequest => ({
  url: c.req.url,
  configKeyHash: requestHeader(c, 'x-safeexambrowser-configkeyhash'),
});
