import { describe, expect, it } from 'vitest';
import { personLabel } from './person-label.ts';

describe('the header names a person 姓名（角色） once', () => {
  it('gives a supervisor without a role their duty, not 无角色', () => {
    expect(personLabel('钱敏', [], ['supervisor'])).toBe('钱敏（内部督导员）');
  });
  it('does not repeat a duty the role already says, and adds one it does not', () => {
    expect(personLabel('孙丽', ['proctor'], ['proctor'])).toBe('孙丽（监考）');
    expect(personLabel('陈立新', ['assessor'], ['assessor', 'supervisor'])).toBe('陈立新（考评员、内部督导员）');
  });
  it('never reads 考务管理员（考务管理员）', () => {
    expect(personLabel('考务管理员', ['administrator'])).toBe('考务管理员');
    expect(personLabel('周敏', ['administrator'])).toBe('周敏（考务管理员）');
  });
  it('shows someone with neither role nor duty by name alone', () => {
    expect(personLabel('吴文静', [])).toBe('吴文静');
  });
});
