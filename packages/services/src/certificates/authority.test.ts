import { describe, expect, it } from 'vitest';
import { issueCertificates, listCertificates, setResultsSetting } from '../index.ts';
import { issuedBatchFixture } from '../testing/certificates.ts';
import { authorityNumbersWorkbook, importAuthorityNumbers } from './authority.ts';

/** certificate.numbering = authority: numbers imported from the authority's list, checked row by row. */
const number = (seq: number) => `Y000033330001265${String(seq).padStart(6, '0')}`;

describe('numbers from the authority', () => {
  it('reports every bad row and writes nothing; issuing waits for every passing candidate’s number', async () => {
    const f = await issuedBatchFixture(8, { issue: false });
    await setResultsSetting(f.ctx, 'admin', 'certificate.numbering', 'authority');
    // Candidates 4 and 8 (index 3, 7) failed; six passed.
    const passed = f.candidates.filter((_, i) => i % 4 !== 3);
    const failed = f.candidates[3]!;
    const bad = await authorityNumbersWorkbook([
      [passed[0]!.idNumber, number(101)],
      [passed[1]!.idNumber, 'Y00003333000126500010'], // 21 characters
      [failed.idNumber, number(103)], // did not pass
      [passed[2]!.idNumber, number(101)], // same number as row 2
      [passed[3]!.idNumber, `Y000033330001264${'000104'}`], // level 4 in a level-5 batch
      [passed[0]!.idNumber, number(105)], // same person as row 2
    ]);
    const refused = await importAuthorityNumbers(f.ctx, 'admin', f.planNumber, bad).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'invalid' });
    const details = (refused as { details: { row: number; field: string; message: string }[] }).details;
    expect(details.map((d) => [d.row, d.field])).toEqual([
      [3, '证书编号'],
      [4, '身份证号'],
      [5, '证书编号'],
      [6, '证书编号'],
      [7, '身份证号'],
    ]);
    expect(details[0]!.message).toMatch(/应为 22 位/);
    expect(details[1]!.message).toMatch(/不是本批次认定合格的考生/);
    expect(details[2]!.message).toBe('与第 2 行重复');
    expect(details[3]!.message).toMatch(/等级位为 4/);
    expect(await f.ctx.db.selectFrom('certificate_assignments').selectAll().execute()).toEqual([]);

    // Five of six: issuing is refused and names who is missing.
    const five = passed.slice(0, 5).map((p, i) => [p.idNumber, number(201 + i)] as const);
    expect(await importAuthorityNumbers(f.ctx, 'admin', f.planNumber, await authorityNumbersWorkbook(five))).toEqual({
      assigned: 5,
      missing: 1,
    });
    await expect(issueCertificates(f.ctx, 'admin', f.planNumber, { issuedOn: '2026-10-20' })).rejects.toThrow(
      /尚有 1 名合格考生没有导入证书编号/,
    );
    expect(await f.ctx.db.selectFrom('certificates').selectAll().execute()).toEqual([]);
    const all = [...five, [passed[5]!.idNumber, number(206)] as const];
    await importAuthorityNumbers(f.ctx, 'admin', f.planNumber, await authorityNumbersWorkbook(all));
    const { issued } = await issueCertificates(f.ctx, 'admin', f.planNumber, { issuedOn: '2026-10-20' });
    expect(issued.map((x) => x.number).sort()).toEqual(all.map(([, n]) => n).sort());
    const list = await listCertificates(f.ctx, 'admin', f.planNumber);
    expect(list.certificates.find((c) => c.name === passed[0]!.name)?.number).toBe(number(201));

    // A number already issued is a duplicate for any later import, in any batch.
    const g = await issuedBatchFixture(2, { issue: false });
    await setResultsSetting(g.ctx, 'admin', 'certificate.numbering', 'authority');
    await g.ctx.db
      .insertInto('certificates')
      .values({
        number: number(301),
        batch_id: g.batchId,
        candidate_id: g.candidates[0]!.id,
        prefix: number(301).slice(0, 16),
        sequence: 301,
        issued_on: '2026-10-20',
        issued_by: 'admin',
        issued_at: '2026-10-20T01:00:00Z',
      })
      .execute();
    const dup = await importAuthorityNumbers(
      g.ctx,
      'admin',
      g.planNumber,
      await authorityNumbersWorkbook([[g.candidates[1]!.idNumber, number(301)]]),
    ).catch((e: unknown) => e);
    expect((dup as { details: { message: string }[] }).details.map((d) => d.message)).toEqual([
      `证书编号 ${number(301)} 已被使用（已核发或已赋给他人）`,
    ]);
  });
});
