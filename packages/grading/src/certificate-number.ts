import { err, ok, problem, type LevelCode, type Problem, type Result } from '@kaowu/domain';

/**
 * Certificate numbers under 职业技能等级证书编码规则（试行）(人社鉴发〔2019〕2号): 22 characters,
 * one capital letter and 21 digits, no check digit.
 *   1      body type: Y employer (用人单位), S social training/evaluation body (社会培训评价组织)
 *   2–5    body code assigned by the ministry; 0000 where the body filed with a province
 *   6–7    province code (first two digits of GB/T 2260)
 *   8–13   body/site sequence assigned by the province
 *   14–15  year of issue
 *   16     level code 1–5
 *   17–22  certificate sequence, assigned by the body (never repeating: the caller's database's job)
 */
export interface CertificateBody {
  readonly bodyType: 'Y' | 'S';
  readonly bodyCode: string;
  readonly provinceCode: string;
  readonly siteCode: string;
}

export interface CertificateNumberParts extends CertificateBody {
  readonly year: number;
  readonly level: LevelCode;
  readonly sequence: number;
}

/** Provinces, autonomous regions, municipalities and SARs of GB/T 2260. */
export const PROVINCE_CODES: ReadonlySet<string> = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82'.split(' '),
);

export const MAX_CERTIFICATE_SEQUENCE = 999_999;

/** Why a certificate number or the body's settings are refused; the services translate each into an error code. */
export type CertificateProblemCode =
  | 'certificate_body_type'
  | 'certificate_body_code'
  | 'certificate_province'
  | 'certificate_site_code'
  | 'certificate_year'
  | 'certificate_level'
  | 'certificate_sequence'
  | 'certificate_number_format';
export type CertificateProblem = Problem<CertificateProblemCode>;

export function certificateBodyProblems(body: CertificateBody): CertificateProblem[] {
  const problems: CertificateProblem[] = [];
  if (body.bodyType !== 'Y' && body.bodyType !== 'S')
    problems.push(
      problem(
        'certificate_body_type',
        '评价机构类型应为 Y（用人单位）或 S（社会培训评价组织）',
        'body type must be Y or S',
      ),
    );
  if (!/^\d{4}$/.test(body.bodyCode))
    problems.push(
      problem('certificate_body_code', '机构代码应为 4 位数字（在省级备案的为 0000）', 'body code must be 4 digits'),
    );
  if (!PROVINCE_CODES.has(body.provinceCode))
    problems.push(
      problem(
        'certificate_province',
        `省份代码 ${body.provinceCode} 不是 GB/T 2260 的省级代码`,
        'province code not in GB/T 2260',
      ),
    );
  if (!/^\d{6}$/.test(body.siteCode))
    problems.push(problem('certificate_site_code', '机构（站点）序列号应为 6 位数字', 'site code must be 6 digits'));
  return problems;
}

export function formatCertificateNumber(
  body: CertificateBody,
  year: number,
  level: LevelCode,
  sequence: number,
): Result<string, CertificateProblem> {
  const first = certificateBodyProblems(body)[0];
  if (first !== undefined) return err(first);
  if (!Number.isInteger(year) || year < 2000 || year > 2099)
    return err(problem('certificate_year', `发证年份 ${year} 无效，应为 2000–2099 年`, 'year must be 2000-2099'));
  if (![1, 2, 3, 4, 5].includes(level))
    return err(problem('certificate_level', `等级代码 ${level} 无效，应为 1–5`, 'level must be 1-5'));
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_CERTIFICATE_SEQUENCE)
    return err(
      problem('certificate_sequence', `证书序号 ${sequence} 无效，应为 1–999999`, 'sequence must be 1-999999'),
    );
  const yy = String(year % 100).padStart(2, '0');
  const serial = String(sequence).padStart(6, '0');
  return ok(`${body.bodyType}${body.bodyCode}${body.provinceCode}${body.siteCode}${yy}${level}${serial}`);
}

export function parseCertificateNumber(text: string): Result<CertificateNumberParts, CertificateProblem> {
  const t = text.trim();
  const m = /^([YS])(\d{4})(\d{2})(\d{6})(\d{2})([1-5])(\d{6})$/.exec(t);
  if (m === null)
    return err(
      problem(
        'certificate_number_format',
        `证书编号“${t}”格式不正确：应为 22 位，首位 Y 或 S，其后 21 位数字，等级位为 1–5`,
        'certificate number must be Y|S + 21 digits',
      ),
    );
  const [, bodyType, bodyCode, provinceCode, siteCode, yy, level, seq] = m as unknown as [
    string,
    'Y' | 'S',
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const body = { bodyType, bodyCode, provinceCode, siteCode };
  const first = certificateBodyProblems(body)[0];
  if (first !== undefined) return err(first);
  const sequence = Number(seq);
  if (sequence < 1) return err(problem('certificate_sequence', '证书序号不能为 000000', 'sequence must be at least 1'));
  return ok({ ...body, year: 2000 + Number(yy), level: Number(level) as LevelCode, sequence });
}
