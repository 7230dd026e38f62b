import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';

export const FRONT_ENDS = {
  exam: { title: '考生答题', dist: resolve(import.meta.dirname, '../../exam-client/dist') },
  console: { title: '考务控制台', dist: resolve(import.meta.dirname, '../../console/dist') },
} as const;

const placeholder = (title: string) => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>Kaowu ${title}</title></head>
<body><h1>Kaowu ${title}</h1><p>前端尚未构建。接口已在 <code>/api/</code> 提供服务。</p></body></html>`;

/**
 * A built single-page front end (`dist/` with index.html): files as they are, any other path gets index.html
 * so the client's router can take it. Before the front end is built, a small placeholder page.
 */
export function frontEnd(prefix: string, dist: string, title: string): Hono {
  const app = new Hono();
  if (!existsSync(join(dist, 'index.html'))) {
    app.get('*', (c) => c.html(placeholder(title)));
    return app;
  }
  const index = readFileSync(join(dist, 'index.html'), 'utf8');
  app.use('*', serveStatic({ root: dist, rewriteRequestPath: (p) => p.slice(prefix.length) || '/' }));
  app.get('*', (c) => c.html(index));
  return app;
}
