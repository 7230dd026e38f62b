import type { LevelCode, Outline, OutlineIndex } from '@kaowu/domain';
import { contentHash, indexOutline, levelLabel, outline as outlineSchema, outlineProblems } from '@kaowu/domain';
import { fromJson, toJson } from '@kaowu/db';
import type { Executor } from '../audit/writer.ts';
import { AuditWriter } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { isoNow } from '../shared/context.ts';
import { fail } from '../shared/failures.ts';
import { authorize } from '../shared/authorize.ts';

export interface BankRef {
  readonly occupationCode: string;
  readonly level: LevelCode;
}

export const bankName = (bank: BankRef): string => `${bank.occupationCode} ${levelLabel(bank.level)}`;

/**
 * A bank's key columns, as the rows of items, outlines, assets, papers and certifications carry them: spread into
 * a row, or as the filter for that bank's rows, `.where((eb) => eb.and(bankKey(bank)))`.
 */
export const bankKey = (bank: BankRef): { occupation_code: string; level: LevelCode } => ({
  occupation_code: bank.occupationCode,
  level: bank.level,
});

/** Saves an occupation and its outline for one level (replacing an older outline), with audit records. */
export async function saveOutline(
  trx: Executor,
  ctx: ServiceContext,
  writer: AuditWriter,
  by: string,
  value: Outline,
): Promise<void> {
  const parsed = outlineSchema.safeParse(value);
  if (!parsed.success) throw fail.invalid('细目表格式错误', 'invalid outline', parsed.error.issues);
  const problems = outlineProblems(parsed.data);
  if (problems.length > 0) throw fail.invalid(`细目表有误：${problems.join('；')}`, 'invalid outline', problems);
  const { occupation } = value;
  const trades = toJson(occupation.trades ?? []);
  const existing = await trx
    .selectFrom('occupations')
    .selectAll()
    .where('code', '=', occupation.code)
    .executeTakeFirst();
  const fields = { edition: occupation.edition, name: occupation.name, trades_json: trades };
  let action: 'occupation.create' | 'occupation.update' | undefined;
  if (!existing) {
    await trx
      .insertInto('occupations')
      .values({ code: occupation.code, ...fields })
      .execute();
    action = 'occupation.create';
  } else if (
    existing.name !== occupation.name ||
    existing.edition !== occupation.edition ||
    existing.trades_json !== trades
  ) {
    await trx.updateTable('occupations').set(fields).where('code', '=', occupation.code).execute();
    action = 'occupation.update';
  }
  if (action !== undefined)
    await writer.append({
      actor: by,
      action,
      entity: 'occupation',
      entityId: occupation.code,
      detail: { name: occupation.name, edition: occupation.edition },
    });
  const hash = contentHash(value);
  const key = bankKey({ occupationCode: occupation.code, level: value.level });
  const old = await trx
    .selectFrom('outlines')
    .select('outline_hash')
    .where((eb) => eb.and(key))
    .executeTakeFirst();
  if (old?.outline_hash === hash) return;
  const row = { basis: value.basis, outline_json: toJson(value), outline_hash: hash, updated_at: isoNow(ctx) };
  if (old)
    await trx
      .updateTable('outlines')
      .set(row)
      .where((eb) => eb.and(key))
      .execute();
  else
    await trx
      .insertInto('outlines')
      .values({ ...key, ...row })
      .execute();
  await writer.append({
    actor: by,
    action: old ? 'outline.update' : 'outline.create',
    entity: 'outline',
    entityId: `${occupation.code}/${value.level}`,
    beforeHash: old?.outline_hash ?? null,
    afterHash: hash,
  });
}

export async function getOutline(
  ctx: ServiceContext | { db: Executor },
  bank: BankRef,
): Promise<{ outline: Outline; index: OutlineIndex }> {
  const row = await ctx.db
    .selectFrom('outlines')
    .select('outline_json')
    .where((eb) => eb.and(bankKey(bank)))
    .executeTakeFirst();
  if (!row)
    throw fail.notFound(
      `题库 ${bankName(bank)} 没有鉴定要素细目表，请先导入细目表`,
      `no outline for ${bank.occupationCode}/${bank.level}`,
    );
  const value = outlineSchema.parse(fromJson(row.outline_json));
  return { outline: value, index: indexOutline(value) };
}

export async function importOutline(ctx: ServiceContext, by: string, value: Outline): Promise<void> {
  await authorize(ctx, by, 'outline.write');
  await ctx.db.transaction().execute(async (trx) => {
    const writer = new AuditWriter(trx, ctx);
    await saveOutline(trx, ctx, writer, by, value);
    await writer.flush();
  });
}
