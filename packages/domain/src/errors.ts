import { ERROR_MESSAGES, type ErrorCode } from './error-codes.ts';

/**
 * Errors are values: a stable code for programs, a Chinese message for users and an English one for logs.
 * A package names its own problems with its own closed union of codes (`Problem<LifecycleProblemCode>`); the
 * services translate those into the `ErrorCode` union explicitly before they throw.
 */
export interface Problem<C extends string = string> {
  readonly code: C;
  readonly zh: string;
  readonly en: string;
}

/** A problem from its code and its message in Chinese and English. */
export const problem = <C extends string>(code: C, zh: string, en: string): Problem<C> => ({ code, zh, en });

export class KaowuError extends Error {
  readonly code: ErrorCode;
  readonly zh: string;
  readonly en: string;
  readonly details: readonly unknown[];

  /**
   * `message` is the Chinese text users read; `en` is kept for logs. Without messages the code's defaults
   * (`ERROR_MESSAGES`) apply; a specific message says more, e.g. which item.
   */
  constructor(code: ErrorCode, zh?: string, en?: string, details: readonly unknown[] = []) {
    const fallback = ERROR_MESSAGES[code];
    super(zh ?? fallback.zh);
    this.name = 'KaowuError';
    this.code = code;
    this.zh = zh ?? fallback.zh;
    this.en = en ?? fallback.en;
    this.details = details;
  }
}

export type Result<T, E = Problem> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });
