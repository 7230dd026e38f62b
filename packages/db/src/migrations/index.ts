import type { Migration, MigrationProvider } from 'kysely/migration';
import * as m0001 from './0001-bank.ts';
import * as m0002 from './0002-papers.ts';
import * as m0003 from './0003-exam.ts';
import * as m0004 from './0004-results.ts';
import * as m0005 from './0005-seb.ts';
import * as m0006 from './0006-show-score.ts';
import * as m0007 from './0007-attempt-start.ts';
import * as m0008 from './0008-supervision.ts';
import * as m0009 from './0009-audit-index.ts';
import * as m0010 from './0010-item-stats.ts';
import * as m0011 from './0011-certificates.ts';
import * as m0012 from './0012-realname.ts';
import * as m0013 from './0013-exam-day.ts';
import * as m0014 from './0014-attempt-notify.ts';
import * as m0016 from './0016-archive.ts';
import * as m0018 from './0018-certificate-numbers.ts';
import * as m0019 from './0019-stats-decisions.ts';
import * as m0020 from './0020-paper-calibration.ts';
import * as m0022 from './0022-batch-notify.ts';
import * as m0024 from './0024-rate-limits.ts';

/**
 * Ordered migrations, bundled in code so they run from any working directory and in any bundle. They run on
 * SQLite and PostgreSQL: give columns the types from columnTypes(db) (column-types.ts), never 'integer', 'real',
 * 'blob' or 'text' literally; services/src/postgres.test.ts compares the two schemas.
 */
export const migrations: Record<string, Migration> = {
  '0001-bank': m0001,
  '0002-papers': m0002,
  '0003-exam': m0003,
  '0004-results': m0004,
  '0005-seb': m0005,
  '0006-show-score': m0006,
  '0007-attempt-start': m0007,
  '0008-supervision': m0008,
  '0009-audit-index': m0009,
  '0010-item-stats': m0010,
  '0011-certificates': m0011,
  '0012-realname': m0012,
  '0013-exam-day': m0013,
  '0014-attempt-notify': m0014,
  '0016-archive': m0016,
  '0018-certificate-numbers': m0018,
  '0019-stats-decisions': m0019,
  '0020-paper-calibration': m0020,
  '0022-batch-notify': m0022,
  '0024-rate-limits': m0024,
};

export const migrationProvider: MigrationProvider = { getMigrations: async () => migrations };
