import type { Database } from '@kaowu/db';
import type { Insertable } from 'kysely';
import type { Executor } from '../audit/writer.ts';

/**
 * `list` in slices of at most `size`. Bulk reads and writes go a slice per statement, so a large batch or bank stays
 * under the databases' limits on bound parameters (SQLite 32,766; PostgreSQL 65,535).
 */
export function* chunksOf<T>(list: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < list.length; i += size) yield list.slice(i, i + size);
}

/** Inserts `rows` into `table`, `size` rows a statement (see `chunksOf`). */
export async function insertChunked<T extends keyof Database & string>(
  db: Executor,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  size: number,
): Promise<void> {
  for (const chunk of chunksOf(rows, size)) await db.insertInto(table).values(chunk).execute();
}
