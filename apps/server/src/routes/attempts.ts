import {
  answerInput,
  attemptAsset,
  attemptInfo,
  attemptPaperJson,
  attemptPhoto,
  noFrameInput,
  saveStartFrame,
  attemptState,
  candidateLogin,
  candidateLoginInput,
  clientEventsInput,
  renewCandidateToken,
  reportEvents,
  saveAnswer,
  startAttempt,
  submitOwnAttempt,
  watchAttempt,
  watchInput,
  watchTransfer,
} from '@kaowu/services';
import type { CandidatePaperView } from '@kaowu/domain';
import { Hono, type TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import type { AppEnv } from '../env.ts';
import { candidateAuth } from '../middleware/candidate-auth/index.ts';
import { jsonField, rateLimit, type RateLimitStore } from '../middleware/rate-limit/index.ts';
import { sebRequest } from '../seb.ts';
import { validate } from '../validate.ts';
import { bodyLimit } from '../middleware/body-limit/index.ts';
import { clientAddress } from './address.ts';
import type { Limits } from './limits.ts';

const iso = (ms: number): string => new Date(ms).toISOString();
/** One webcam frame: a 1280×720 JPEG is well under this. */
const FRAME_LIMIT = 2 * 1024 * 1024;

/**
 * The device that asked for 换机 waits here for the proctor's decision (no token yet: the id is the ticket).
 * Not under /attempts: a static segment beside `/attempts/:attemptId` is a pattern hono's RegExpRouter refuses,
 * and one such route drops every request of the whole app onto the slower TrieRouter (router.test.ts).
 */
export function deviceTransferRoutes() {
  return new Hono<AppEnv>().get('/:transferId', async (c) =>
    c.json(await watchTransfer(c.get('rt'), c.req.param('transferId'), c.req.raw.signal)),
  );
}

/** The candidate's attempt: login, start, paper, state, answers, events, submit. Every rule is in the services. */
export function attemptRoutes(limits: Limits, store: RateLimitStore) {
  // Middleware per route (not `use` on a parameterised prefix) keeps every path plain for hono's RegExpRouter.
  const auth = candidateAuth();
  return (
    new Hono<AppEnv>()
      // Candidate login (POST /api/attempts): creates the attempt (not started: no clock yet),
      // or resumes it on the same device.
      .post(
        '/',
        validate('json', candidateLoginInput),
        rateLimit({
          ...limits.candidatePerTicket,
          store,
          name: 'login-ticket',
          what: '准考证号',
          key: jsonField('ticket'),
        }),
        rateLimit({
          ...limits.candidatePerAddress,
          store,
          name: 'login-candidate-address',
          what: '地址',
          key: clientAddress(limits.trustedProxies),
        }),
        async (c) => {
          const login = await candidateLogin(c.get('rt'), c.req.valid('json'), sebRequest(c));
          return c.json({ token: login.token, expiresAt: iso(login.expiresAt), attemptId: login.attemptId });
        },
      )
      .get('/:attemptId', auth, async (c) =>
        c.json(await attemptInfo(c.get('rt'), c.get('candidate'), c.req.param('attemptId'))),
      )
      // 开考拍照: one webcam frame (the image as the body), or why there is none (JSON), at 开始答题.
      .post('/:attemptId/frame', auth, bodyLimit(FRAME_LIMIT), async (c) => {
        const mime = c.req.header('content-type') ?? '';
        const data = new Uint8Array(await c.req.arrayBuffer());
        return c.json(await saveStartFrame(c.get('rt'), c.get('candidate'), c.req.param('attemptId'), { mime, data }));
      })
      .post('/:attemptId/no-frame', auth, validate('json', noFrameInput), async (c) =>
        c.json(await saveStartFrame(c.get('rt'), c.get('candidate'), c.req.param('attemptId'), c.req.valid('json'))),
      )
      // The candidate's own roster photo, for the confirmation screen.
      .get('/:attemptId/photo', auth, async (c) => {
        const photo = await attemptPhoto(c.get('rt'), c.get('candidate'), c.req.param('attemptId'));
        return c.body(photo.data as Uint8Array<ArrayBuffer>, 200, {
          'content-type': photo.mime,
          'cache-control': 'private, no-store',
        });
      })
      .get('/:attemptId/assets/:name', auth, async (c) => {
        const asset = await attemptAsset(
          c.get('rt'),
          c.get('candidate'),
          c.req.param('attemptId'),
          c.req.param('name'),
        );
        return c.body(asset.data as Uint8Array<ArrayBuffer>, 200, { 'content-type': asset.mime });
      })
      // The view as UTF-8 JSON copied from pieces encoded once per paper (a room fetches its papers at once), typed
      // for hc<AppType> as c.json would type it.
      .get(
        '/:attemptId/paper',
        auth,
        (c) =>
          c.body(attemptPaperJson(c.get('candidate'), c.req.param('attemptId')), 200, {
            'content-type': 'application/json',
          }) as unknown as Response & TypedResponse<JSONParsed<CandidatePaperView>, 200, 'json'>,
      )
      .get('/:attemptId/state', auth, async (c) =>
        c.json(await attemptState(c.get('rt'), c.get('candidate'), c.req.param('attemptId'))),
      )
      // The long poll: answers as soon as a proctor's action changes what this screen must show (else after 25 s).
      .get('/:attemptId/watch', auth, validate('query', watchInput), async (c) =>
        c.json(
          await watchAttempt(
            c.get('rt'),
            c.get('candidate'),
            c.req.param('attemptId'),
            c.req.valid('query').seen,
            c.req.raw.signal,
          ),
        ),
      )
      // 开始答题: starts the clock at the server's time.
      // Idempotent: a retry or another device resumes the running clock.
      .post('/:attemptId/start', auth, async (c) =>
        c.json(await startAttempt(c.get('rt'), c.get('candidate'), c.req.param('attemptId'))),
      )
      .post('/:attemptId/answers', auth, validate('json', answerInput), async (c) =>
        c.json(await saveAnswer(c.get('rt'), c.get('candidate'), c.req.param('attemptId'), c.req.valid('json'))),
      )
      .post('/:attemptId/events', auth, validate('json', clientEventsInput), async (c) =>
        c.json(await reportEvents(c.get('rt'), c.get('candidate'), c.req.param('attemptId'), c.req.valid('json'))),
      )
      .post('/:attemptId/submit', auth, async (c) =>
        c.json(await submitOwnAttempt(c.get('rt'), c.get('candidate'), c.req.param('attemptId'))),
      )
      .post('/:attemptId/token', auth, async (c) => {
        const renewed = await renewCandidateToken(c.get('rt'), c.get('candidate'), c.req.param('attemptId'));
        return c.json({ token: renewed.token, expiresAt: iso(renewed.expiresAt) });
      })
  );
}
