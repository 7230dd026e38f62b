import { DEFAULT_FLAG_RULES, type FlagRules } from '@kaowu/analysis';
import { DIFFICULTIES, type Difficulty } from '@kaowu/domain';
import { audit, type Executor } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { authorize } from '../shared/authorize.ts';
import { fail } from '../shared/failures.ts';

/**
 * The thresholds of the statistics flags, kept in the shared `settings` table (JSON values), defaults from
 * @kaowu/analysis. Ranges are written "min-max" (0.45-0.80).
 */
const RANGE_KEYS = Object.fromEntries(
  DIFFICULTIES.map((d) => [`stats.facilityRange.${d}`, `认证难度等级 ${d} 预期的通过率范围（如 0.45-0.80）`]),
) as Record<`stats.facilityRange.${Difficulty}`, string>;

export const STATS_SETTING_NAMES = {
  'stats.minDiscrimination': '区分度下限（默认 0.2）',
  'stats.deadDistractorShare': '干扰项最低选择比例（默认 0.05）',
  'stats.minResponses': '统计与校准所需的最少作答人数（默认 30）',
  'stats.fitRange': 'Rasch 拟合均方的合理范围（默认 0.7-1.3）',
  'stats.fitZ': 'Rasch 拟合标准化值 |ZSTD| 的判定界限（默认 2；均方超出范围且 |ZSTD| 不小于此值才算拟合不良）',
  ...RANGE_KEYS,
} as const;
export type StatsSettingKey = keyof typeof STATS_SETTING_NAMES;
export const STATS_SETTING_KEYS = Object.keys(STATS_SETTING_NAMES) as StatsSettingKey[];

const isKey = (key: string): key is StatsSettingKey => key in STATS_SETTING_NAMES;

/** A setting's text as its value, or why not. */
function parse(
  key: StatsSettingKey,
  raw: string,
): { ok: true; value: number | [number, number] } | { ok: false; why: string } {
  const text = raw.trim();
  if (key === 'stats.fitRange' || key.startsWith('stats.facilityRange.')) {
    const m = /^(\d+(?:\.\d+)?)\s*[-–~]\s*(\d+(?:\.\d+)?)$/.exec(text);
    const lo = Number(m?.[1]);
    const hi = Number(m?.[2]);
    if (!m || !(lo < hi)) return { ok: false, why: '应写作“下限-上限”，且下限小于上限' };
    if (key !== 'stats.fitRange' && hi > 1) return { ok: false, why: '通过率在 0 到 1 之间' };
    return { ok: true, value: [lo, hi] };
  }
  const n = Number(text);
  if (text === '' || !Number.isFinite(n)) return { ok: false, why: '应为数' };
  if (key === 'stats.minResponses')
    return Number.isInteger(n) && n >= 2 ? { ok: true, value: n } : { ok: false, why: '应为不小于 2 的整数' };
  if (key === 'stats.fitZ') return n > 0 && n <= 10 ? { ok: true, value: n } : { ok: false, why: '应在 0 到 10 之间' };
  if (key === 'stats.deadDistractorShare')
    return n >= 0 && n <= 0.5 ? { ok: true, value: n } : { ok: false, why: '应在 0 到 0.5 之间' };
  return n >= -1 && n <= 1 ? { ok: true, value: n } : { ok: false, why: '应在 -1 到 1 之间' };
}

/** The flag rules in force: the stored settings over the defaults. */
export async function statsRules(db: Executor): Promise<FlagRules> {
  const rows = await db.selectFrom('settings').selectAll().where('key', 'in', STATS_SETTING_KEYS).execute();
  const stored = new Map(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  const get = <T>(key: StatsSettingKey, fallback: T): T => (stored.has(key) ? (stored.get(key) as T) : fallback);
  return {
    facilityRange: Object.fromEntries(
      DIFFICULTIES.map((d) => [d, get(`stats.facilityRange.${d}`, DEFAULT_FLAG_RULES.facilityRange[d])]),
    ) as FlagRules['facilityRange'],
    minDiscrimination: get('stats.minDiscrimination', DEFAULT_FLAG_RULES.minDiscrimination),
    deadDistractorShare: get('stats.deadDistractorShare', DEFAULT_FLAG_RULES.deadDistractorShare),
    fitRange: get('stats.fitRange', DEFAULT_FLAG_RULES.fitRange),
    fitZ: get('stats.fitZ', DEFAULT_FLAG_RULES.fitZ),
    minResponses: get('stats.minResponses', DEFAULT_FLAG_RULES.minResponses),
    keySuspectP: DEFAULT_FLAG_RULES.keySuspectP,
    deadDistractorP: DEFAULT_FLAG_RULES.deadDistractorP,
    facilityP: DEFAULT_FLAG_RULES.facilityP,
  };
}

/** Sets one statistics threshold from its text; a bad value is refused with why, and nothing changes. */
export async function setStatsSetting(ctx: ServiceContext, by: string, key: string, raw: string): Promise<void> {
  await authorize(ctx, by, 'settings.write');
  if (!isKey(key))
    throw fail.invalid(`未知设置 ${key}，可用：${STATS_SETTING_KEYS.join('、')}`, `unknown setting ${key}`);
  const parsed = parse(key, raw);
  if (!parsed.ok) throw fail.invalid(`设置 ${key} 的值“${raw}”无效：${parsed.why}`, 'invalid setting');
  const json = JSON.stringify(parsed.value);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('settings')
      .values({ key, value: json })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
      .execute();
    await audit(trx, ctx, {
      actor: by,
      action: 'setting.set',
      entity: 'setting',
      entityId: key,
      detail: { value: parsed.value },
    });
  });
}
