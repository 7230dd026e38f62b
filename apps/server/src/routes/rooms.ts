import {
  absentInput,
  approveTransfer,
  closeRoom,
  earlyOpenInput,
  extendCandidate,
  extendInput,
  extendRoom,
  forceSubmit,
  incidentInput,
  markAbsent,
  openRoom,
  pauseCandidate,
  pauseRoom,
  recordIncident,
  resumeCandidate,
  resumeRoom,
  RoomLogFeed,
  roomView,
  type ExamRuntime,
} from '@kaowu/services';
import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from '../env.ts';
import { staffAuth } from '../middleware/staff-auth/index.ts';
import { validate } from '../validate.ts';

/** The live view refreshes on every change in the room, at most this often, and at least every few seconds. */
const MIN_INTERVAL_MS = 500;
const MAX_INTERVAL_MS = 5000;

/** Proctor control of a room and its candidates; the live room view (seats and audit trail) over Server-Sent Events. */
export function roomRoutes() {
  const proctor = staffAuth();
  return (
    new Hono<AppEnv>()
      .use('/rooms/*', proctor)
      .use('/candidates/*', proctor)
      .use('/transfers/*', proctor)
      .get('/rooms/:roomId', async (c) =>
        c.json(await roomView(c.get('rt'), c.get('staff').username, c.req.param('roomId'))),
      )
      .get('/rooms/:roomId/live', async (c) => {
        const rt = c.get('rt');
        const by = c.get('staff').username;
        const roomId = c.req.param('roomId');
        // One feed per stream: after the first look back, each refresh reads only the audit records appended since.
        const feed = new RoomLogFeed(rt.ctx.db, roomId);
        const first = await roomView(rt, by, roomId, feed); // refuses before the stream starts
        return streamSSE(c, async (stream) => {
          let changed = false;
          let wake: (() => void) | undefined;
          const unsubscribe = rt.hub.subscribe(roomId, () => {
            changed = true;
            wake?.();
          });
          stream.onAbort(() => {
            unsubscribe();
            wake?.();
          });
          let view = first;
          let id = 0;
          try {
            while (!stream.aborted) {
              await stream.writeSSE({ event: 'room', id: String(++id), data: JSON.stringify(view) });
              await stream.sleep(MIN_INTERVAL_MS);
              if (!changed)
                await new Promise<void>((resolve) => {
                  wake = resolve;
                  setTimeout(resolve, MAX_INTERVAL_MS - MIN_INTERVAL_MS);
                });
              wake = undefined;
              changed = false;
              if (stream.aborted) break;
              view = await roomView(rt, by, roomId, feed);
            }
          } finally {
            unsubscribe();
          }
        });
      })
      .post('/rooms/:roomId/open', act(openRoom, 'roomId'))
      // Before the candidate list's publicity has ended: an administrator only, with a written reason (audited).
      .post('/rooms/:roomId/open-early', validate('json', earlyOpenInput), async (c) =>
        done(
          c,
          await openRoom(c.get('rt'), c.get('staff').username, c.req.param('roomId'), c.req.valid('json').reason),
        ),
      )
      .post('/rooms/:roomId/close', act(closeRoom, 'roomId'))
      .post('/rooms/:roomId/pause', act(pauseRoom, 'roomId'))
      .post('/rooms/:roomId/resume', act(resumeRoom, 'roomId'))
      .post('/rooms/:roomId/extend', validate('json', extendInput), async (c) =>
        done(
          c,
          await extendRoom(c.get('rt'), c.get('staff').username, c.req.param('roomId'), c.req.valid('json').minutes),
        ),
      )
      .post('/rooms/:roomId/incidents', validate('json', incidentInput), async (c) =>
        c.json(
          await recordIncident(c.get('rt'), c.get('staff').username, c.req.param('roomId'), c.req.valid('json')),
          201,
        ),
      )
      .post('/candidates/:candidateId/pause', act(pauseCandidate, 'candidateId'))
      .post('/candidates/:candidateId/resume', act(resumeCandidate, 'candidateId'))
      .post('/candidates/:candidateId/extend', validate('json', extendInput), async (c) =>
        done(
          c,
          await extendCandidate(
            c.get('rt'),
            c.get('staff').username,
            c.req.param('candidateId'),
            c.req.valid('json').minutes,
          ),
        ),
      )
      .post('/candidates/:candidateId/submit', async (c) =>
        c.json(await forceSubmit(c.get('rt'), c.get('staff').username, c.req.param('candidateId'))),
      )
      .put('/candidates/:candidateId/absent', validate('json', absentInput), async (c) =>
        done(
          c,
          await markAbsent(
            c.get('rt'),
            c.get('staff').username,
            c.req.param('candidateId'),
            c.req.valid('json').absent,
          ),
        ),
      )
      .post('/transfers/:transferId/approve', act(approveTransfer, 'transferId'))
  );
}

/** A proctor action answers { ok: true } once it is committed and audited. */
const done = (c: Context<AppEnv>, _committed: unknown) => c.json({ ok: true as const });

/** A proctor action on what the path names and nothing more (open a room, pause a candidate, approve a transfer). */
const act =
  (run: (rt: ExamRuntime, by: string, id: string) => Promise<void>, param: 'roomId' | 'candidateId' | 'transferId') =>
  async (c: Context<AppEnv>) =>
    done(c, await run(c.get('rt'), c.get('staff').username, c.req.param(param)!));
