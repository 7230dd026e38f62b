import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from './index.ts';

describe('securityHeaders', () => {
  it('gives app pages a strict CSP and API responses no-store', async () => {
    const app = new Hono();
    app.use('/exam/*', securityHeaders('app'));
    app.use('/api/*', securityHeaders('api'));
    app.get('/exam/', (c) => c.html('<p>x</p>'));
    app.get('/api/x', (c) => c.json({}));
    const page = await app.request('/exam/');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const api = await app.request('/api/x');
    expect(api.headers.get('cache-control')).toBe('no-store');
    expect(api.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});
