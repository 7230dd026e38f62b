import { DEFAULT_MASKING, maskIdNumber, maskingSettings, maskName } from '@kaowu/domain';
import { describe, expect, it } from 'vitest';

describe('masking personal data in public lists (公示信息脱敏)', () => {
  it('keeps the first 6 and last 4 ID characters and the first character of a name', () => {
    expect(maskIdNumber('440308199001011234')).toBe('440308********1234');
    expect(maskIdNumber('11010519491231002x')).toBe('110105********002X');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳明月')).toBe('欧***');
  });

  it('counts characters, not UTF-16 units, and never shows a one-character name whole', () => {
    expect(maskName('𠮷明')).toBe('𠮷*');
    expect(maskName('王')).toBe('*');
  });

  it('is configurable but never reveals the birth date', () => {
    const s = maskingSettings.parse({ idKeepStart: 4, idKeepEnd: 2, maskChar: '#' });
    expect(maskIdNumber('440308199001011234', s)).toBe('4403############34');
    expect(maskingSettings.safeParse({ idKeepStart: 10 }).success).toBe(false);
    expect(maskingSettings.parse({})).toEqual(DEFAULT_MASKING);
  });
});
