import { KaowuError } from '@kaowu/domain';
import { z } from 'zod';
import { attemptsWithWindow } from './access.ts';
import type { CandidateAuth } from './attempts.ts';
import { ownAttempt } from './attempts.ts';
import { controlChannel } from './live-hub.ts';
import { attemptStatusOf, clockOfRow, CLOCK_COLUMNS, type ExamRuntime } from './runtime.ts';
import { controlVersion } from './watch-version.ts';

/**
 * How long a watch is held open when nothing changes: well under the minute after which proxies commonly cut an
 * idle request, so a long poll through any of them comes back with an answer, not an error.
 */
export const WATCH_HOLD_MS = 25_000;

export const watchInput = z.strictObject({ seen: z.string().max(200).optional() });

/**
 * The candidate's long poll: answers with the attempt's control version as soon as it differs from `seen` — a
 * proctor paused, resumed, extended, submitted — or after `holdMs` with the same one. A device whose login was
 * revoked meanwhile (换机 approved, a newer login) is told so at once (token_revoked). Reads the database, not
 * the cache, so a change made by another server process counts as soon as it is committed and announced.
 */
export async function watchAttempt(
  rt: ExamRuntime,
  auth: CandidateAuth,
  attemptId: string,
  seen: string | undefined,
  signal?: AbortSignal,
  holdMs = WATCH_HOLD_MS,
): Promise<{ version: string }> {
  const attempt = ownAttempt(auth, attemptId);
  let woken = false;
  let wake: (() => void) | undefined;
  // Listen before the first read: a change committed between the read and the wait still wakes it.
  const unsubscribe = rt.hub.subscribe(controlChannel(attempt.roomId), () => {
    woken = true;
    wake?.();
  });
  const onAbort = () => wake?.();
  signal?.addEventListener('abort', onAbort);
  const until = Date.now() + holdMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    for (;;) {
      woken = false;
      const version = await currentVersion(rt, auth, attempt.id);
      const left = until - Date.now();
      if (version !== seen || left <= 0 || signal?.aborted) return { version };
      if (!woken)
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, left);
        });
      clearTimeout(timer);
      wake = undefined;
    }
  } finally {
    clearTimeout(timer);
    unsubscribe();
    signal?.removeEventListener('abort', onAbort);
  }
}

async function currentVersion(rt: ExamRuntime, auth: CandidateAuth, attemptId: string): Promise<string> {
  const row = await attemptsWithWindow(rt.ctx.db)
    .select(['a.status', ...CLOCK_COLUMNS, 'a.session_id', 'a.device_id', 'r.paused_at'])
    .where('a.id', '=', attemptId)
    .executeTakeFirstOrThrow();
  if (row.session_id !== auth.claims.sessionId || row.device_id !== auth.claims.deviceId)
    throw new KaowuError(
      'token_revoked',
      '本机的登录已失效（可能已换机或在别处重新登录），请重新登录',
      'session revoked',
    );
  const clock = row.started_at === null ? null : clockOfRow(row);
  return controlVersion(attemptStatusOf(row.status), clock, row.paused_at !== null);
}
