import type { SheetProblem } from '@kaowu/domain';
import { parseCertificateNumber } from '@kaowu/grading';
import ExcelJS from 'exceljs';
import { audit } from '../audit/writer.ts';
import { authorize } from '../shared/authorize.ts';
import { isoNow, type ServiceContext } from '../shared/context.ts';
import { fail } from '../shared/failures.ts';
import { findBatch } from '../results/batch.ts';

const ID = '身份证号';
const NUMBER = '证书编号';

const cellText = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'text' in v) return String(v.text).trim();
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '').trim();
  return String(v).trim();
};

/**
 * Imports the certificate numbers the authority assigned (证书赋码), a workbook of 身份证号 → 证书编号, for a batch
 * whose results are final. Every row is checked — the 22-character rule and the batch's level, a passing
 * candidate of this batch, no number twice in the file nor already issued or assigned anywhere, every passing
 * candidate at most once — and every problem is reported with its row; nothing is written on any problem.
 * A later import replaces the batch's earlier assignments for candidates not yet issued.
 */
export async function importAuthorityNumbers(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
  workbook: Uint8Array,
): Promise<{ assigned: number; missing: number }> {
  const batch = await findBatch(ctx.db, batchRef);
  await authorize(ctx, by, 'certificate.issue', { batchId: batch.id });
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(workbook as unknown as ArrayBuffer);
  } catch {
    throw fail.invalid('无法读取证书编号工作簿：请上传 .xlsx 文件', 'not an xlsx workbook');
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw fail.invalid('工作簿中没有工作表', 'no worksheet');
  const headers = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => void headers.set(cellText(cell.value), col));
  const idCol = headers.get(ID);
  const numCol = headers.get(NUMBER);
  const letter = (col: number | undefined) => (col ? sheet.getColumn(col).letter : '');
  const problems: SheetProblem[] = [];
  const at = (row: number, col: number | undefined, field: string, message: string) =>
    problems.push({ sheet: sheet.name, row, column: letter(col), field, message });
  if (idCol === undefined || numCol === undefined) {
    at(1, undefined, '', `第 1 行应有表头“${ID}”和“${NUMBER}”`);
    throw fail.invalid('证书编号工作簿有误，未导入', 'invalid authority numbers', problems);
  }

  const passing = await ctx.db
    .selectFrom('decisions as d')
    .innerJoin('candidates as c', 'c.id', 'd.candidate_id')
    .leftJoin('certificates as k', 'k.candidate_id', 'c.id')
    .select(['c.id', 'c.id_number', 'k.number as issued'])
    .where('d.batch_id', '=', batch.id)
    .where('d.outcome', '=', 'pass')
    .execute();
  const byId = new Map(passing.map((p) => [p.id_number.toUpperCase(), p]));
  const rows: { row: number; candidateId: string; number: string }[] = [];
  const seenIds = new Map<string, number>();
  const seenNumbers = new Map<string, number>();
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const idNumber = cellText(row.getCell(idCol).value).toUpperCase();
    const number = cellText(row.getCell(numCol).value).toUpperCase();
    if (idNumber === '' && number === '') continue;
    const before = problems.length;
    const who = byId.get(idNumber);
    if (idNumber === '') at(r, idCol, ID, '不能为空');
    else if (!who) at(r, idCol, ID, `${idNumber} 不是本批次认定合格的考生`);
    else if (who.issued) at(r, idCol, ID, `该考生已核发证书 ${who.issued}，不能再赋码`);
    else if (seenIds.has(idNumber)) at(r, idCol, ID, `与第 ${seenIds.get(idNumber)} 行重复`);
    const parsed = parseCertificateNumber(number);
    if (number === '') at(r, numCol, NUMBER, '不能为空');
    else if (!parsed.ok) at(r, numCol, NUMBER, parsed.error.zh);
    else if (parsed.value.level !== batch.level)
      at(r, numCol, NUMBER, `等级位为 ${parsed.value.level}，本批次为 ${batch.level} 级`);
    else if (seenNumbers.has(number)) at(r, numCol, NUMBER, `与第 ${seenNumbers.get(number)} 行重复`);
    if (idNumber) seenIds.set(idNumber, seenIds.get(idNumber) ?? r);
    if (number) seenNumbers.set(number, seenNumbers.get(number) ?? r);
    if (problems.length === before && who) rows.push({ row: r, candidateId: who.id, number });
  }
  // Against every number ever issued, and every number assigned to someone else.
  const numbers = rows.map((x) => x.number);
  for (let i = 0; i < numbers.length; i += 400) {
    const chunk = numbers.slice(i, i + 400);
    const issued = await ctx.db.selectFrom('certificates').select('number').where('number', 'in', chunk).execute();
    const assigned = await ctx.db
      .selectFrom('certificate_assignments')
      .select(['number', 'candidate_id'])
      .where('number', 'in', chunk)
      .execute();
    const taken = new Set([
      ...issued.map((x) => x.number),
      ...assigned
        .filter((a) => rows.find((x) => x.number === a.number)?.candidateId !== a.candidate_id)
        .map((a) => a.number),
    ]);
    for (const x of rows.filter((y) => taken.has(y.number)))
      at(x.row, numCol, NUMBER, `证书编号 ${x.number} 已被使用（已核发或已赋给他人）`);
  }
  if (rows.length === 0 && problems.length === 0) at(0, undefined, '', '工作簿中没有证书编号');
  if (problems.length > 0) {
    problems.sort((a, b) => a.row - b.row);
    throw fail.invalid(`证书编号工作簿有 ${problems.length} 处问题，未导入`, 'invalid authority numbers', problems);
  }
  const now = isoNow(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const ids = rows.map((x) => x.candidateId);
    for (let i = 0; i < ids.length; i += 400)
      await trx
        .deleteFrom('certificate_assignments')
        .where('candidate_id', 'in', ids.slice(i, i + 400))
        .execute();
    for (let i = 0; i < rows.length; i += 400)
      await trx
        .insertInto('certificate_assignments')
        .values(
          rows.slice(i, i + 400).map((x) => ({
            candidate_id: x.candidateId,
            batch_id: batch.id,
            number: x.number,
            imported_by: by,
            imported_at: now,
          })),
        )
        .execute();
    await audit(trx, ctx, {
      actor: by,
      action: 'certificate.numbers',
      entity: 'batch',
      entityId: batch.id,
      detail: { count: rows.length },
    });
  });
  const assigned = new Set(
    (
      await ctx.db
        .selectFrom('certificate_assignments')
        .select('candidate_id')
        .where('batch_id', '=', batch.id)
        .execute()
    ).map((a) => a.candidate_id),
  );
  return {
    assigned: rows.length,
    missing: passing.filter((p) => !p.issued && !assigned.has(p.id)).length,
  };
}

/** A workbook of 身份证号 → 证书编号 (for tests and for an administrator typing the authority's list). */
export async function authorityNumbersWorkbook(rows: readonly (readonly [string, string])[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('证书编号');
  ws.addRow([ID, NUMBER]);
  for (const r of rows) ws.addRow([...r]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
