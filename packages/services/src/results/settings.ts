import { DEFAULT_MASKING, maskingSettings, type MaskingSettings } from '@kaowu/domain';
import { certificateBodyProblems, DEFAULT_PUBLICITY_DAYS, type CertificateBody } from '@kaowu/grading';
import { z } from 'zod';
import { audit, type Executor } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { CERTIFICATE_ERRORS, fail, refuse } from '../shared/failures.ts';
import { authorize } from '../shared/authorize.ts';
import { loadActor } from '../accounts/users.ts';

/**
 * The enterprise's settings for results, kept in the shared `settings` table: who the reports name, the
 * certificate body's parts of the 22-character number, the publicity length and how public lists mask.
 */
export interface ResultsSettings {
  readonly enterpriseName: string;
  readonly evaluationBody: string | undefined;
  readonly contact: { readonly name: string; readonly phone: string } | undefined;
  /** Undefined until every part is set; certificates are refused until then. */
  readonly certificateBody: CertificateBody | undefined;
  readonly publicityWorkingDays: number;
  readonly countPublicationDay: boolean;
  readonly masking: MaskingSettings;
  /** 企业职工总数, for the dispatched-worker cap (Nanxun 第六条); undefined until set. */
  readonly workforceSize: number | undefined;
  /** Internal supervisors a batch needs before a room opens: 2 (Nanxun), may be raised, never lowered. */
  readonly minSupervisors: number;
  /** Who numbers certificates: `self` (the 22-character rule here) or `authority` (imported numbers). */
  readonly numbering: 'self' | 'authority';
}

const text = z.string().trim().min(1, { message: '不能为空' });
const asNumber = (raw: string): unknown => (raw.trim() === '' ? raw : Number(raw));
const asBoolean = (raw: string): unknown =>
  ({ true: true, false: false, 是: true, 否: false })[raw.trim() as 'true'] ?? raw;

/** A code of exactly `n` digits, kept as text (leading zeros count). */
const digits = (n: number, zh: string) => ({
  schema: z.string().regex(new RegExp(`^\\d{${n}}$`), { message: `应为 ${n} 位数字` }),
  read: (r: string): unknown => r.trim(),
  zh,
});

/** Nanxun: at least two internal supervisors (内督人员) per occupation. */
export const MIN_SUPERVISORS = 2;

/** key → how its text is read and checked, and what it means. */
const KEYS = {
  'results.enterpriseName': { schema: text, read: (r: string): unknown => r, zh: '企业名称（各表抬头）' },
  'results.evaluationBody': {
    schema: text,
    read: (r: string): unknown => r,
    zh: '评价机构名称（附件4，默认同企业名称）',
  },
  'results.contactName': { schema: text, read: (r: string): unknown => r, zh: '考务联系人（公示名单）' },
  'results.contactPhone': { schema: text, read: (r: string): unknown => r, zh: '联系电话（公示名单）' },
  'certificate.bodyType': {
    schema: z.enum(['Y', 'S']),
    read: (r: string): unknown => r.trim().toUpperCase(),
    zh: '评价机构类型：Y 用人单位，S 社会培训评价组织',
  },
  'certificate.bodyCode': digits(4, '人社部赋予的机构代码（省级备案的为 0000）'),
  'certificate.provinceCode': digits(2, '省份代码（GB/T 2260 前两位）'),
  'certificate.siteCode': digits(6, '省级赋予的机构（站点）序列号'),
  'publicity.workingDays': {
    schema: z.number().int().min(5, { message: '公示期不得少于 5 个工作日' }).max(30),
    read: asNumber,
    zh: '公示期工作日数（至少 5）',
  },
  'publicity.countPublicationDay': { schema: z.boolean(), read: asBoolean, zh: '公示当日是否计入公示期（默认否）' },
  'masking.idKeepStart': {
    schema: z.number().int().min(0).max(6),
    read: asNumber,
    zh: '公示身份证号保留前几位（至多 6）',
  },
  'masking.idKeepEnd': {
    schema: z.number().int().min(0).max(4),
    read: asNumber,
    zh: '公示身份证号保留后几位（至多 4）',
  },
  'masking.nameKeepStart': { schema: z.number().int().min(0), read: asNumber, zh: '公示姓名保留前几个字' },
  'masking.nameKeepEnd': { schema: z.number().int().min(0), read: asNumber, zh: '公示姓名保留后几个字' },
  'masking.maskChar': { schema: z.string().length(1), read: (r: string): unknown => r, zh: '脱敏字符' },
  'eligibility.workforceSize': {
    schema: z.number().int().min(1, { message: '企业职工总数至少为 1' }),
    read: asNumber,
    zh: '企业职工总数（核对劳务派遣人员不超过 10%）',
  },
  'staffing.minSupervisors': {
    schema: z
      .number()
      .int()
      .min(MIN_SUPERVISORS, { message: `每个职业的内部督导员不得少于 ${MIN_SUPERVISORS} 名` })
      .max(20),
    read: asNumber,
    zh: `开考所需内部督导员人数（每职业，不少于 ${MIN_SUPERVISORS}）`,
  },
  'certificate.numbering': {
    schema: z.enum(['self', 'authority']),
    read: (r: string): unknown => r.trim(),
    zh: '证书编号由谁赋码：self 本机构按规则编号，authority 导入人社部门赋予的编号',
  },
} as const;
export type ResultsSettingKey = keyof typeof KEYS;
export const RESULTS_SETTING_KEYS = Object.keys(KEYS) as ResultsSettingKey[];
export const RESULTS_SETTING_NAMES: Readonly<Record<ResultsSettingKey, string>> = Object.fromEntries(
  RESULTS_SETTING_KEYS.map((k) => [k, KEYS[k].zh]),
) as Record<ResultsSettingKey, string>;

const isKey = (key: string): key is ResultsSettingKey => key in KEYS;

async function rawSettings(db: Executor): Promise<Map<ResultsSettingKey, unknown>> {
  const rows = await db.selectFrom('settings').selectAll().where('key', 'in', RESULTS_SETTING_KEYS).execute();
  return new Map(rows.flatMap((r) => (isKey(r.key) ? [[r.key, JSON.parse(r.value) as unknown] as const] : [])));
}

/** The results settings as a staff member reads them: any signed-in account (nothing in them is secret). */
export async function readResultsSettings(ctx: ServiceContext, by: string): Promise<ResultsSettings> {
  await loadActor(ctx, by);
  return getResultsSettings(ctx);
}

export async function getResultsSettings(ctx: { db: Executor }): Promise<ResultsSettings> {
  const raw = await rawSettings(ctx.db);
  const str = (k: ResultsSettingKey): string | undefined =>
    typeof raw.get(k) === 'string' ? (raw.get(k) as string) : undefined;
  const [bodyType, bodyCode, provinceCode, siteCode] = (
    ['certificate.bodyType', 'certificate.bodyCode', 'certificate.provinceCode', 'certificate.siteCode'] as const
  ).map(str);
  const contactName = str('results.contactName');
  const contactPhone = str('results.contactPhone');
  const masking = maskingSettings.parse({
    ...DEFAULT_MASKING,
    ...Object.fromEntries(
      RESULTS_SETTING_KEYS.filter((k) => k.startsWith('masking.') && raw.has(k)).map((k) => [
        k.slice('masking.'.length),
        raw.get(k),
      ]),
    ),
  });
  return {
    enterpriseName: str('results.enterpriseName') ?? '本企业',
    evaluationBody: str('results.evaluationBody'),
    contact:
      contactName !== undefined && contactPhone !== undefined ? { name: contactName, phone: contactPhone } : undefined,
    certificateBody:
      bodyType !== undefined && bodyCode !== undefined && provinceCode !== undefined && siteCode !== undefined
        ? { bodyType: bodyType as 'Y' | 'S', bodyCode, provinceCode, siteCode }
        : undefined,
    publicityWorkingDays: (raw.get('publicity.workingDays') as number | undefined) ?? DEFAULT_PUBLICITY_DAYS,
    countPublicationDay: (raw.get('publicity.countPublicationDay') as boolean | undefined) ?? false,
    masking,
    workforceSize: raw.get('eligibility.workforceSize') as number | undefined,
    minSupervisors: (raw.get('staffing.minSupervisors') as number | undefined) ?? MIN_SUPERVISORS,
    numbering: raw.get('certificate.numbering') === 'authority' ? 'authority' : 'self',
  };
}

/** Sets one results setting from its text; values are checked (a province code must be a GB/T 2260 province…). */
export async function setResultsSetting(ctx: ServiceContext, by: string, key: string, raw: string): Promise<void> {
  await authorize(ctx, by, 'settings.write');
  if (!isKey(key))
    throw fail.invalid(`未知设置 ${key}，可用：${RESULTS_SETTING_KEYS.join('、')}`, `unknown setting ${key}`);
  const parsed = KEYS[key].schema.safeParse(KEYS[key].read(raw));
  if (!parsed.success)
    throw fail.invalid(
      `设置 ${key} 的值“${raw}”无效：${parsed.error.issues.map((i) => i.message).join('；')}`,
      'invalid setting',
    );
  const value: unknown = parsed.data;
  if (key === 'certificate.provinceCode') {
    const problem = certificateBodyProblems({
      bodyType: 'Y',
      bodyCode: '0000',
      provinceCode: value as string,
      siteCode: '000000',
    })[0];
    if (problem) throw refuse(problem, CERTIFICATE_ERRORS);
  }
  if (key.startsWith('masking.')) {
    const current = await getResultsSettings(ctx);
    const next = maskingSettings.safeParse({ ...current.masking, [key.slice('masking.'.length)]: value });
    if (!next.success) throw fail.invalid(next.error.issues.map((i) => i.message).join('；'), 'invalid masking');
  }
  const json = JSON.stringify(value);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('settings')
      .values({ key, value: json })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
      .execute();
    await audit(trx, ctx, { actor: by, action: 'setting.set', entity: 'setting', entityId: key, detail: { value } });
  });
}
