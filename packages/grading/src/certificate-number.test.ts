import { describe, expect, it } from 'vitest';
import { formatCertificateNumber, parseCertificateNumber, type CertificateBody } from './index.ts';

const body: CertificateBody = { bodyType: 'Y', bodyCode: '0001', provinceCode: '44', siteCode: '123456' };

describe('certificate numbers (22-character national rule)', () => {
  it('formats body type, body code, province, site, 2-digit year, level and 6-digit sequence', () => {
    const r = formatCertificateNumber(body, 2024, 5, 1);
    expect(r).toEqual({ ok: true, value: 'Y000144123456245000001' });
    if (r.ok) expect(r.value).toHaveLength(22);
    expect(
      formatCertificateNumber({ ...body, bodyType: 'S', bodyCode: '0000', provinceCode: '33' }, 2025, 2, 999_999),
    ).toEqual({
      ok: true,
      value: 'S000033123456252999999',
    });
  });

  it('refuses sequences outside 1..999999 and bad body settings', () => {
    for (const seq of [0, 1_000_000, 1.5, -3])
      expect(formatCertificateNumber(body, 2025, 3, seq)).toMatchObject({
        ok: false,
        error: { code: 'certificate_sequence' },
      });
    expect(formatCertificateNumber({ ...body, provinceCode: '99' }, 2025, 3, 1)).toMatchObject({
      ok: false,
      error: { code: 'certificate_province' },
    });
    expect(formatCertificateNumber({ ...body, siteCode: '12345' }, 2025, 3, 1)).toMatchObject({
      ok: false,
      error: { code: 'certificate_site_code' },
    });
    expect(formatCertificateNumber({ ...body, bodyCode: 'AB12' }, 2025, 3, 1)).toMatchObject({
      ok: false,
      error: { code: 'certificate_body_code' },
    });
    expect(formatCertificateNumber(body, 1999, 3, 1)).toMatchObject({ ok: false, error: { code: 'certificate_year' } });
  });

  it('parses a number back into its parts', () => {
    expect(parseCertificateNumber(' Y000144123456245000001 ')).toEqual({
      ok: true,
      value: {
        bodyType: 'Y',
        bodyCode: '0001',
        provinceCode: '44',
        siteCode: '123456',
        year: 2024,
        level: 5,
        sequence: 1,
      },
    });
  });

  it('rejects wrong length, letter, level or sequence', () => {
    for (const bad of [
      'Y00014412345624500000',
      'X000144123456245000001',
      'y000144123456245000001',
      'Y000144123456246000001',
      'Y000144123456245000000',
    ])
      expect(parseCertificateNumber(bad).ok).toBe(false);
    expect(parseCertificateNumber('Y000199123456245000001')).toMatchObject({
      ok: false,
      error: { code: 'certificate_province' },
    });
  });
});
