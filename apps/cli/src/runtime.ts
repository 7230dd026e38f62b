import { openDatabase, resolveDbPath } from '@kaowu/db';
import type { ServiceContext } from '@kaowu/services';
import { createContext } from '@kaowu/services';
import type { Command } from 'commander';
import { parseLevel, type LevelCode } from '@kaowu/domain';
import { InvalidArgumentError } from 'commander';

/** Every command takes `--db <path>` (else KAOWU_DB, else ./data/kaowu.db). */
export function withDb(command: Command): Command {
  return command.option(
    '--db <path>',
    '数据库：SQLite 文件，或 postgres://用户:密码@主机/库 （默认 $KAOWU_DB 或 ./data/kaowu.db）',
  );
}

export async function withContext<T>(options: { db?: string }, run: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  const db = await openDatabase(resolveDbPath(options.db));
  try {
    return await run(createContext(db));
  } finally {
    await db.destroy();
  }
}

export function levelArg(value: string): LevelCode {
  const level = parseLevel(value);
  if (level === undefined) throw new InvalidArgumentError(`等级 ${value} 无效，应为 1–5（5 = 五级/初级工）`);
  return level;
}

export function occupationArg(value: string): string {
  if (!/^\d-\d{2}-\d{2}-\d{2}$/.test(value))
    throw new InvalidArgumentError(`职业编码 ${value} 应为 N-NN-NN-NN 格式，例如 6-31-01-03`);
  return value;
}

export const out = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};
