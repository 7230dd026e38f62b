import type { BankSettings } from '@kaowu/bank';
import { bankSettings, DEFAULT_BANK_SETTINGS } from '@kaowu/bank';
import { audit, type Executor } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { fail } from '../shared/failures.ts';
import { authorize } from '../shared/authorize.ts';

const KEYS: Record<string, keyof BankSettings> = {
  'bank.minItems': 'minItems',
  'certification.minAssessors': 'minAssessors',
  'certification.excludeAuthors': 'excludeAuthors',
};
export const SETTING_KEYS = Object.keys(KEYS);

export async function getBankSettings(ctx: { db: Executor }): Promise<BankSettings> {
  const rows = await ctx.db.selectFrom('settings').selectAll().where('key', 'in', SETTING_KEYS).execute();
  const merged: Record<string, unknown> = { ...DEFAULT_BANK_SETTINGS };
  for (const row of rows) {
    const field = KEYS[row.key];
    if (field) merged[field] = JSON.parse(row.value);
  }
  return bankSettings.parse(merged);
}

/** Settings may be tightened but never loosened below the policy floors: the zod schema refuses. */
export async function setSetting(ctx: ServiceContext, by: string, key: string, raw: string): Promise<void> {
  await authorize(ctx, by, 'settings.write');
  const field = KEYS[key];
  if (!field) throw fail.invalid(`未知设置 ${key}，可用：${SETTING_KEYS.join('、')}`, `unknown setting ${key}`);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw fail.invalid(`设置值 ${raw} 无效`, 'setting value must be JSON');
  }
  const next = bankSettings.safeParse({ ...(await getBankSettings(ctx)), [field]: value });
  if (!next.success) throw fail.invalid(next.error.issues.map((i) => i.message).join('；'), 'invalid setting');
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('settings')
      .values({ key, value: JSON.stringify(value) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) }))
      .execute();
    await audit(trx, ctx, { actor: by, action: 'setting.set', entity: 'setting', entityId: key, detail: { value } });
  });
}
