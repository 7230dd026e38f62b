import { isApiError, type ApiError, type AttemptState, type ExamApi } from '../api/types.ts';
import type { ServerClock } from './server-clock.ts';

/** Renew the login token this long before it runs out. */
export const RENEW_BEFORE_MS = 5 * 60_000;

export type CheckIn =
  | { readonly kind: 'state'; readonly state: AttemptState; readonly tokenExpiresAt: number }
  /** No answer from the server: try again at the next poll. */
  | { readonly kind: 'offline' }
  /** A refusal that ends this device's part (revoked, expired, submitted): the screen must change. */
  | { readonly kind: 'fatal'; readonly error: ApiError };

/**
 * One look at the server, as the confirmation screen and the exam both poll it: the attempt's state (which also
 * syncs the clock) and, when the token nears its end, a renewal.
 */
export async function checkIn(api: ExamApi, clock: ServerClock, tokenExpiresAt: number): Promise<CheckIn> {
  const sentAt = performance.now();
  let state: AttemptState;
  try {
    state = await api.state();
  } catch (e) {
    return isApiError(e, 'token_revoked', 'token_expired', 'unauthorized', 'attempt_submitted')
      ? { kind: 'fatal', error: e }
      : { kind: 'offline' };
  }
  clock.sync(state.serverTime, sentAt, performance.now());
  if (state.status === 'submitted' || tokenExpiresAt - clock.now() >= RENEW_BEFORE_MS)
    return { kind: 'state', state, tokenExpiresAt };
  try {
    return { kind: 'state', state, tokenExpiresAt: (await api.renew()).expiresAt };
  } catch (e) {
    if (isApiError(e, 'token_revoked', 'token_expired', 'unauthorized')) return { kind: 'fatal', error: e };
    return { kind: 'state', state, tokenExpiresAt };
  }
}
