import { KaowuError } from '@kaowu/domain';

/** The few failure kinds every adapter maps (HTTP status, CLI exit code) in one place. */
export const fail = {
  notFound: (zh: string, en: string): KaowuError => new KaowuError('not_found', zh, en),
  forbidden: (zh: string, en: string): KaowuError => new KaowuError('forbidden', zh, en),
  conflict: (zh: string, en: string): KaowuError => new KaowuError('conflict', zh, en),
  invalid: (zh: string, en: string, details: readonly unknown[] = []): KaowuError =>
    new KaowuError('invalid', zh, en, details),
};
