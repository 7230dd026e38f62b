import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'hono';

/**
 * The Node request and response under a Hono context (@hono/node-server passes them as bindings). On the
 * answer-save path, reading a header from Node's plain header object and setting response headers on the
 * ServerResponse skip building WHATWG Headers objects, which cost more than the rest of the request; under
 * `app.request()` in tests there are no bindings and callers fall back to Hono's own API.
 */
const bindings = (c: Context): { incoming?: IncomingMessage; outgoing?: ServerResponse } =>
  (c.env ?? {}) as { incoming?: IncomingMessage; outgoing?: ServerResponse };

export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = bindings(c).incoming;
  if (incoming === undefined) return c.req.header(name);
  const value = incoming.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function setResponseHeaders(c: Context, headers: readonly (readonly [string, string])[]): void {
  const outgoing = bindings(c).outgoing;
  if (outgoing === undefined || outgoing.headersSent) for (const [name, value] of headers) c.header(name, value);
  else for (const [name, value] of headers) outgoing.setHeader(name, value);
}
