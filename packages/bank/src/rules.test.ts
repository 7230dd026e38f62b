import type { ItemContent } from '@kaowu/domain';
import { certificationVerdictText, indexOutline } from '@kaowu/domain';
import { TEST_OUTLINE } from '@kaowu/domain/testing';
import { describe, expect, it } from 'vitest';
import type { CertificationRecord } from './index.ts';
import { bankCoverage, DEFAULT_BANK_SETTINGS, evaluateCertification, planEdit, transition } from './index.ts';

const outline = TEST_OUTLINE;
const item = (point: string, difficulty: 1 | 2 | 3 | 4 | 5 = 3): ItemContent => ({
  type: 'true_false',
  point,
  difficulty,
  stem: 's',
  explanation: '',
  key: true,
});

describe('lifecycle transitions', () => {
  const author = { username: 'wang', forOthers: false };
  const reviewer = { username: 'li', forOthers: false };
  const admin = { username: 'admin', forOthers: true };
  it('allows the documented path and nothing else', () => {
    expect(transition('draft', 'submit', author, 'wang')).toEqual({ ok: true, value: 'in_review' });
    expect(transition('in_review', 'approve', reviewer, 'wang')).toEqual({ ok: true, value: 'approved' });
    expect(transition('in_review', 'return', reviewer, 'wang')).toEqual({ ok: true, value: 'draft' });
    expect(transition('approved', 'retire', author, 'wang')).toEqual({ ok: true, value: 'retired' });
    expect(transition('in_review', 'approve', author, 'wang')).toMatchObject({
      ok: false,
      error: { code: 'item_self_review' },
    });
    expect(transition('draft', 'approve', reviewer, 'wang')).toMatchObject({
      ok: false,
      error: { code: 'item_bad_status' },
    });
    expect(transition('draft', 'submit', reviewer, 'wang')).toMatchObject({
      ok: false,
      error: { code: 'item_not_author' },
    });
    expect(transition('draft', 'submit', admin, 'wang')).toEqual({ ok: true, value: 'in_review' });
    expect(transition('in_review', 'withdraw', admin, 'wang')).toEqual({ ok: true, value: 'draft' });
    expect(transition('retired', 'retire', author, 'wang')).toMatchObject({ ok: false });
  });
  it('edits drafts in place, versions approved items, refuses the rest', () => {
    expect(planEdit('draft')).toEqual({ ok: true, value: 'in_place' });
    expect(planEdit('approved')).toEqual({ ok: true, value: 'new_version' });
    expect(planEdit('in_review').ok).toBe(false);
    expect(planEdit('retired').ok).toBe(false);
  });
});

describe('bank coverage', () => {
  it('counts per area against weights, per point, per type and difficulty, and names the blockers', () => {
    const c = bankCoverage(
      indexOutline(outline),
      [item('A001', 1), item('A001', 2), item('BA001', 5), item('Q009')],
      DEFAULT_BANK_SETTINGS,
    );
    expect(c.areas).toEqual([
      { code: 'A', name: '安全', weight: 40, count: 2, share: 50 },
      { code: 'B', name: '基础', weight: 60, count: 1, share: 25 },
    ]);
    expect(c.uncoveredPoints.map((p) => p.code)).toEqual(['A002', 'BA002']);
    expect(c.byType).toEqual({ true_false: 4, single: 0, multiple: 0 });
    expect(c.byDifficulty).toEqual({ 1: 1, 2: 1, 3: 1, 4: 0, 5: 1 });
    expect(c.blockers).toEqual(['已通过试题 4 道，少于最低要求 600 道', '有试题关联的鉴定点不在细目表中：Q009']);
  });
  it('is not blocked at exactly the minimum', () => {
    const items = Array.from({ length: 600 }, (_, i) => item(i % 2 ? 'A001' : 'BA001'));
    expect(bankCoverage(indexOutline(outline), items, DEFAULT_BANK_SETTINGS).blockers).toEqual([]);
    expect(bankCoverage(indexOutline(outline), items.slice(1), DEFAULT_BANK_SETTINGS).blockers).toHaveLength(1);
  });
});

describe('certification rules', () => {
  const members = [
    { code: 'K1', contentHash: 'h1' },
    { code: 'K2', contentHash: 'h2' },
  ];
  const record = (
    assessor: string,
    snapshotHash = 'S',
    recMembers: CertificationRecord['members'] = members,
  ): CertificationRecord => ({
    assessor,
    assessorName: assessor,
    snapshotHash,
    certifiedAt: '2026-11-01T00:00:00Z',
    comment: '',
    members: recMembers,
  });
  const evaluate = (records: CertificationRecord[], settings = DEFAULT_BANK_SETTINGS) =>
    evaluateCertification({
      current: { hash: 'S', members },
      records,
      registeredAssessors: new Set(['a', 'b', 'c', 'd']),
      authorsInSnapshot: new Set(['d']),
      settings,
    });

  it('needs three distinct registered non-author assessors on the current snapshot', () => {
    expect(evaluate([record('a'), record('b'), record('c')])).toMatchObject({ certified: true, counting: 3 });
    expect(evaluate([record('a'), record('b'), record('x')])).toMatchObject({ certified: false, counting: 2 });
    expect(evaluate([record('a'), record('b'), record('d')])).toMatchObject({ certified: false, counting: 2 });
    expect(
      evaluate([record('a'), record('b'), record('d')], { ...DEFAULT_BANK_SETTINGS, excludeAuthors: false }),
    ).toMatchObject({ certified: true });
  });
  it('describes stale sign-offs with what changed', () => {
    const older = [
      { code: 'K1', contentHash: 'old' },
      { code: 'K0', contentHash: 'h0' },
    ];
    const state = evaluate([record('a', 'OLD', older), record('b', 'GONE', null)]);
    expect(state.certifications.map((c) => certificationVerdictText(c.verdict))).toEqual([
      '已过期：题库已变更（此后新增 1 题，修改 1 题，停用 1 题）',
      '已过期：题库已变更（变更内容未知）',
    ]);
  });
});
