import { z } from 'zod';
import { parseIdNumber } from './id-number.ts';
import { levelCode } from './level-schema.ts';
import { occupationCode } from './occupation.ts';
import { keysOf } from './keys-of.ts';

/** A calendar date written YYYY-MM-DD (China local date; no time zone games). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期应为 YYYY-MM-DD 格式' })
  .refine(
    (s) => {
      const [y, m, d] = s.split('-').map(Number) as [number, number, number];
      const date = new Date(Date.UTC(y, m - 1, d));
      return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
    },
    { message: '日期无效' },
  );

/** 文化程度, as written in the certificate register (附件5). Technical schools are their own track, not a rank. */
export const EDUCATION_NAMES = {
  primary: '小学',
  junior_secondary: '初中',
  senior_secondary: '高中',
  vocational_secondary: '中专',
  technical_school: '技工学校',
  senior_technical_school: '高级技工学校',
  technician_college: '技师学院',
  associate: '大专',
  bachelor: '本科',
  master: '硕士研究生',
  doctor: '博士研究生',
} as const;
export type EducationLevel = keyof typeof EDUCATION_NAMES;
export const EDUCATION_LEVELS = keysOf(EDUCATION_NAMES);
export const educationLevel = z.enum(EDUCATION_LEVELS);

/**
 * Award scope for exceptional promotion (破格): city-level for 技师, provincial or higher for 高级技师
 * (Hefei 第十三条).
 */
export const AWARD_SCOPE_NAMES = { city: '市级', province: '省部级', national: '国家级' } as const;
export type AwardScope = keyof typeof AWARD_SCOPE_NAMES;
export const AWARD_SCOPES = keysOf(AWARD_SCOPE_NAMES);

/** Supporting documents a candidate uploads with the application (Nanxun 第十条(一)). */
export const EVIDENCE_NAMES = {
  work_years: '工作年限证明',
  certificate: '职业技能等级证书',
  education: '学历（毕业）证书',
  apprenticeship: '学徒期满证明',
  award: '获奖或成果证明',
  pension: '养老保险缴费证明',
  dispatch: '劳务派遣协议',
} as const;
export type EvidenceKind = keyof typeof EVIDENCE_NAMES;
export const EVIDENCE_KINDS = keysOf(EVIDENCE_NAMES);
export const evidenceKind = z.enum(EVIDENCE_KINDS);

export const heldCertificate = z.strictObject({
  occupationCode,
  level: levelCode,
  issuedOn: isoDate,
  number: z.string().trim().min(1).optional(),
});
export type HeldCertificate = z.infer<typeof heldCertificate>;

export const award = z.strictObject({
  name: z.string().trim().min(1),
  scope: z.enum(AWARD_SCOPES),
  /** Reference to the uploaded proof; an award without proof cannot carry a 破格 application. */
  evidence: z.string().trim().min(1, { message: '获奖记录须附证明材料' }),
});
export type Award = z.infer<typeof award>;

export const idNumber = z.string().refine((s) => parseIdNumber(s).ok, {
  error: (issue) => {
    const parsed = parseIdNumber(String(issue.input));
    return parsed.ok ? '身份证号无效' : parsed.message;
  },
});

/** A candidate (申报人) as the application records them: the facts eligibility and the forms need. */
export const candidate = z.strictObject({
  id: z.string().trim().min(1),
  name: z.string().trim().min(1),
  idNumber,
  /** 所在单位 (a subsidiary or workshop). */
  unit: z.string().trim().min(1),
  address: z.string().trim().optional(),
  education: educationLevel,
  /** Whether the diploma is in this or a related major (本专业或相关专业). */
  educationMajorRelevant: z.boolean().default(false),
  /** 累计从事本职业（工种）工作年限, as verified by the enterprise on the application date. */
  occupationYears: z.number().min(0).max(60),
  employment: z.enum(['employee', 'dispatched']),
  /** First day in this enterprise (dispatched workers need a year, Jiangmen). */
  enterpriseSince: isoDate,
  /** Months of pension insurance paid through the enterprise or the dispatching agency (Nanxun 第三条). */
  pensionMonths: z.number().int().min(0),
  apprenticeshipCompleted: z.boolean().default(false),
  certificates: z.array(heldCertificate).default([]),
  awards: z.array(award).default([]),
  evidence: z.array(z.strictObject({ kind: evidenceKind, ref: z.string().trim().min(1) })).default([]),
});
export type Candidate = z.infer<typeof candidate>;
export type CandidateInput = z.input<typeof candidate>;

/**
 * The application facts (申报信息) the roster does not carry: everything eligibility needs beyond name, ID,
 * education, unit and years in the occupation.
 */
export const applicationFacts = candidate.pick({
  address: true,
  educationMajorRelevant: true,
  employment: true,
  enterpriseSince: true,
  pensionMonths: true,
  apprenticeshipCompleted: true,
  certificates: true,
  awards: true,
  evidence: true,
});
export type ApplicationFacts = z.infer<typeof applicationFacts>;

/**
 * One condition of an eligibility path (申报条件). A path is met when all its conditions are;
 * a level's rules are alternatives, as the national standards write them ("具备以下条件之一").
 */
export const eligibilityCondition = z.discriminatedUnion('kind', [
  /** A certificate at `level` in this or a related occupation, held for at least `minYearsSince` years. */
  z.strictObject({ kind: z.literal('certificate'), level: levelCode, minYearsSince: z.number().min(0).default(0) }),
  z.strictObject({ kind: z.literal('occupation_years'), min: z.number().min(0) }),
  z.strictObject({
    kind: z.literal('education'),
    anyOf: z.array(educationLevel).min(1),
    relevantMajor: z.boolean().default(true),
  }),
  z.strictObject({ kind: z.literal('apprenticeship') }),
  z.strictObject({ kind: z.literal('award'), minScope: z.enum(AWARD_SCOPES) }),
]);
export type EligibilityCondition = z.infer<typeof eligibilityCondition>;

/** standard: the national standard's conditions; skip_level: 越级 (Hefei 第十二条); exceptional: 破格 (第十三条). */
export const ELIGIBILITY_PATH_KIND_NAMES = { standard: '', skip_level: '越级申报', exceptional: '破格申报' } as const;
export const ELIGIBILITY_PATH_KINDS = keysOf(ELIGIBILITY_PATH_KIND_NAMES);

export const eligibilityPath = z.strictObject({
  kind: z.enum(ELIGIBILITY_PATH_KINDS).default('standard'),
  conditions: z.array(eligibilityCondition).min(1),
  /** Documents this path must be backed by, beyond an award's own proof. */
  evidence: z.array(evidenceKind).default([]),
});
export type EligibilityPath = z.infer<typeof eligibilityPath>;
export type EligibilityPathInput = z.input<typeof eligibilityPath>;

/** Conditions every candidate must meet whatever the path; defaults are the stricter regional values. */
export const eligibilitySettings = z.strictObject({
  minAge: z.number().int().min(16).default(16),
  /** Statutory retirement ages; the defaults are the pre-2025 worker ages (the stricter); set the enterprise's own. */
  retirementAge: z
    .strictObject({ male: z.number().int().min(40).max(70), female: z.number().int().min(40).max(70) })
    .default({ male: 60, female: 50 }),
  minPensionMonths: z.number().int().min(0).default(12),
  dispatchedMinYears: z.number().min(0).default(1),
  /** Certificates in these occupations count as 相关职业. */
  relatedOccupations: z.array(occupationCode).default([]),
  /** Replaces the national-standard defaults for the plan's level when given. */
  paths: z.array(eligibilityPath).min(1).optional(),
});
export type EligibilitySettings = z.infer<typeof eligibilitySettings>;
