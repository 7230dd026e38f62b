/**
 * Errors are values: a stable code for programs (the HTTP layer maps codes to statuses in one place),
 * a Chinese message for users and an English one for logs.
 */
export interface Problem {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
}

export class KaowuError extends Error {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
  readonly details: readonly unknown[];

  /** `message` is the Chinese text users read; `en` is kept for logs. */
  constructor(code: string, zh: string, en: string, details: readonly unknown[] = []) {
    super(zh);
    this.en = en;
    this.name = 'KaowuError';
    this.code = code;
    this.zh = zh;
    this.details = details;
  }

  static of(problem: Problem, details: readonly unknown[] = []): KaowuError {
    return new KaowuError(problem.code, problem.zh, problem.en, details);
  }
}

export type Result<T, E = Problem> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });
