/**
 * The reference point the benchmark prints beside its own figures: bare Hono on @hono/node-server that parses
 * the same JSON body and answers — no authentication, no validation, no database. What this machine's HTTP
 * stack and load generator can do at that moment (the machine is shared, so absolute figures move).
 */
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.post('/api/attempts/:attemptId/answers', async (c) => {
  const body = (await c.req.json()) as { item: string; seq: number };
  return c.json({ item: body.item, seq: body.seq, storedSeq: body.seq, superseded: false });
});
const server = createAdaptorServer({ fetch: app.fetch });
server.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1', backlog: 4096 }, () => {
  process.stdout.write(
    `reference server listening on http://127.0.0.1:${(server.address() as { port: number }).port}\n`,
  );
});
