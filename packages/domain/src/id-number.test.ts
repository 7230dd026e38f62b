import { describe, expect, it } from 'vitest';
import { parseIdNumber } from './index.ts';

describe('resident ID numbers (GB 11643)', () => {
  it('accepts a valid number with an X check character, in either case, and reads birth date and sex', () => {
    expect(parseIdNumber('11010519491231002X')).toEqual({
      ok: true,
      info: { normalized: '11010519491231002X', birthDate: '1949-12-31', sex: 'female' },
    });
    expect(parseIdNumber(' 11010519491231002x ')).toMatchObject({ ok: true });
  });
  it('reads sex from the 17th digit', () => {
    // 44030819900101123? → compute a valid male number by trying check characters
    const body = '44030819900101123';
    const valid = [...'0123456789X'].map((c) => body + c).find((id) => parseIdNumber(id).ok);
    expect(valid && parseIdNumber(valid)).toMatchObject({ ok: true, info: { sex: 'male', birthDate: '1990-01-01' } });
  });
  it('rejects a wrong check digit, an impossible birth date and a wrong length, saying which', () => {
    expect(parseIdNumber('110105194912310021')).toEqual({ ok: false, message: '身份证号校验位不正确' });
    expect(parseIdNumber('11010519490231002X').ok).toBe(false);
    expect(parseIdNumber('1101051949123100')).toMatchObject({ ok: false, message: expect.stringMatching(/18 位/) });
  });
});
