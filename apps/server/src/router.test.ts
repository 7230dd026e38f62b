import { openDatabase } from '@kaowu/db';
import { testDbTarget } from '@kaowu/db/test-target';
import { createContext, createExamRuntime } from '@kaowu/services';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.ts';

type Route = { readonly method: string; readonly path: string };

/** Whether hono's RegExpRouter takes these routes (it refuses, e.g., a static segment beside a parameter). */
const fits = (routes: readonly Route[]): boolean => {
  const router = new RegExpRouter<number>();
  try {
    for (const r of routes) router.add(r.method, r.path, 0);
    router.match('GET', '/');
    return true;
  } catch {
    return false;
  }
};

describe('routing', () => {
  // One pattern the RegExpRouter refuses makes hono's SmartRouter fall back to its TrieRouter for EVERY request,
  // answer saves included (a few per cent of the server's CPU per save). This names the offending pair.
  it('every route of the app fits hono RegExpRouter, so the SmartRouter keeps it', async () => {
    const db = await openDatabase(testDbTarget(':memory:'));
    const app = createApp(await createExamRuntime(createContext(db)));
    const taken: Route[] = [];
    const clashes = new Set<string>();
    for (const route of app.routes) {
      if (fits([...taken, route])) {
        taken.push(route);
        continue;
      }
      for (const other of taken)
        if (!fits([other, route])) clashes.add(`${route.method} ${route.path} ↔ ${other.method} ${other.path}`);
    }
    expect([...clashes]).toEqual([]);
    // The router the app really uses, once it has matched a request.
    expect((await app.request('/api/health')).status).toBe(200);
    expect(app.router.name).toBe('SmartRouter + RegExpRouter');
    await db.destroy();
  });
});
