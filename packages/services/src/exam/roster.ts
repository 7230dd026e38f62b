import { EDUCATION_LEVELS, EDUCATION_NAMES, parseIdNumber, type EducationLevel } from '@kaowu/domain';
import ExcelJS from 'exceljs';
import { audit } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { isoNow } from '../shared/context.ts';
import { fail } from '../shared/failures.ts';
import { requireRole } from '../accounts/users.ts';

export const ROSTER_SHEET = '考生名单';
export const ROSTER_HEADERS = [
  '姓名',
  '身份证号',
  '文化程度',
  '所在单位',
  '专业工龄',
  '准考证号',
  '考场',
  '座位号',
] as const;
const COLUMN_LETTERS = 'ABCDEFGH';

/** One problem, located the way a user finds it in Excel (the same shape as the bank workbooks' problems). */
export interface RosterProblem {
  readonly sheet: string;
  readonly row: number;
  readonly column: string;
  readonly field: string;
  readonly message: string;
}

export interface RosterRow {
  readonly row: number;
  readonly name: string;
  readonly idNumber: string;
  readonly sex: 'male' | 'female';
  readonly birthDate: string;
  readonly education: EducationLevel;
  readonly unit: string;
  readonly occupationYears: number;
  readonly ticket: string | null;
  readonly room: string | null;
  readonly seat: number | null;
}

const EDUCATION_BY_NAME = new Map<string, EducationLevel>([
  ...EDUCATION_LEVELS.map((e) => [e, e] as const),
  ...EDUCATION_LEVELS.map((e) => [EDUCATION_NAMES[e], e] as const),
  ['大学专科', 'associate'],
  ['大学本科', 'bachelor'],
  ['研究生', 'master'],
  ['技校', 'technical_school'],
  ['职高', 'vocational_secondary'],
]);

type Cell = { ok: true; text: string; number: boolean } | { ok: false; message: string };

function cellText(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return { ok: true, text: '', number: false };
  if (typeof value === 'string') return { ok: true, text: value.trim(), number: false };
  if (typeof value === 'number') return { ok: true, text: String(value), number: true };
  if (value instanceof Date)
    return { ok: false, message: '单元格是日期，应为文本：请把单元格格式设为“文本”后重新输入' };
  if (typeof value === 'object' && 'richText' in value)
    return {
      ok: true,
      text: value.richText
        .map((r) => r.text)
        .join('')
        .trim(),
      number: false,
    };
  if (
    typeof value === 'object' &&
    'result' in value &&
    (typeof value.result === 'string' || typeof value.result === 'number')
  )
    return { ok: true, text: String(value.result).trim(), number: typeof value.result === 'number' };
  return { ok: false, message: '无法识别单元格的内容' };
}

/**
 * Reads a roster workbook: every problem of every row (row, column, reason), or every row validated. The ID
 * number gives sex and birth date. Duplicates within the file are problems here; the batch's own are checked
 * on import.
 */
export async function readRosterWorkbook(
  data: Uint8Array,
): Promise<{ ok: true; rows: RosterRow[] } | { ok: false; problems: RosterProblem[] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    return {
      ok: false,
      problems: [
        { sheet: ROSTER_SHEET, row: 0, column: '', field: '', message: '文件不是有效的 Excel 工作簿（.xlsx）' },
      ],
    };
  }
  const sheet = workbook.worksheets.find((s) => s.name.trim() === ROSTER_SHEET) ?? workbook.worksheets[0];
  if (!sheet)
    return {
      ok: false,
      problems: [{ sheet: ROSTER_SHEET, row: 0, column: '', field: '', message: '工作簿中没有工作表' }],
    };
  const name = sheet.name;
  const problems: RosterProblem[] = [];
  const at = (row: number, col: number, message: string): void =>
    void problems.push({
      sheet: name,
      row,
      column: COLUMN_LETTERS[col] ?? '',
      field: ROSTER_HEADERS[col] ?? '',
      message,
    });
  ROSTER_HEADERS.forEach((h, i) => {
    const read = cellText(sheet.getRow(1).getCell(i + 1).value);
    const text = read.ok ? read.text.replace(/\s+/g, '') : '';
    if (text !== h) at(1, i, text === '' ? `缺少表头“${h}”` : `表头应为“${h}”，实际为“${text}”`);
  });
  if (problems.length > 0) return { ok: false, problems };
  const rows: RosterRow[] = [];
  const seenId = new Map<string, number>();
  const seenTicket = new Map<string, number>();
  const seenSeat = new Map<string, number>();
  sheet.eachRow((r, n) => {
    if (n === 1) return;
    const cells = ROSTER_HEADERS.map((_, i) => cellText(r.getCell(i + 1).value));
    if (cells.every((c) => c.ok && c.text === '')) return;
    const before = problems.length;
    const text = (i: number): string => {
      const c = cells[i]!;
      if (!c.ok) {
        at(n, i, c.message);
        return '';
      }
      return c.text;
    };
    const required = (i: number): string => {
      const t = text(i);
      if (t === '' && cells[i]!.ok) at(n, i, `${ROSTER_HEADERS[i]}不能为空`);
      return t;
    };
    const person = required(0);
    const idCell = cells[1]!;
    let idNumber = required(1);
    if (idCell.ok && idCell.number && idNumber !== '') {
      at(n, 1, '身份证号被 Excel 存成了数字（会丢失末几位）：请把单元格格式设为“文本”后重新输入');
      idNumber = '';
    }
    const parsed = idNumber === '' ? null : parseIdNumber(idNumber);
    if (parsed && !parsed.ok) at(n, 1, parsed.message);
    const educationText = required(2);
    const education = EDUCATION_BY_NAME.get(educationText.replace(/\s+/g, ''));
    if (educationText !== '' && education === undefined)
      at(
        n,
        2,
        `文化程度“${educationText}”无法识别，应为 ${EDUCATION_LEVELS.map((e) => EDUCATION_NAMES[e]).join('、')} 之一`,
      );
    const unit = required(3);
    const yearsText = required(4);
    const years = Number(yearsText);
    if (yearsText !== '' && (!Number.isFinite(years) || years < 0 || years > 60))
      at(n, 4, `专业工龄“${yearsText}”应为 0–60 之间的年数`);
    const ticket = text(5);
    if (ticket !== '' && !/^[0-9A-Za-z]{4,24}$/.test(ticket)) at(n, 5, '准考证号只能是 4–24 位字母或数字');
    const room = text(6);
    const seatText = text(7);
    const seat = seatText === '' ? null : Number(seatText);
    if (seat !== null && (!Number.isInteger(seat) || seat < 1)) at(n, 7, `座位号“${seatText}”应为正整数`);
    if (seat !== null && room === '') at(n, 6, '填写了座位号时必须填写考场');
    const normalized = parsed?.ok ? parsed.info.normalized : null;
    if (normalized !== null) {
      const first = seenId.get(normalized);
      if (first !== undefined) at(n, 1, `身份证号与第 ${first} 行重复`);
      else seenId.set(normalized, n);
    }
    if (ticket !== '') {
      const first = seenTicket.get(ticket);
      if (first !== undefined) at(n, 5, `准考证号与第 ${first} 行重复`);
      else seenTicket.set(ticket, n);
    }
    if (room !== '' && seat !== null) {
      const first = seenSeat.get(`${room}#${seat}`);
      if (first !== undefined) at(n, 7, `考场 ${room} 座位 ${seat} 与第 ${first} 行重复`);
      else seenSeat.set(`${room}#${seat}`, n);
    }
    if (problems.length > before || !parsed?.ok || education === undefined) return;
    rows.push({
      row: n,
      name: person,
      idNumber: parsed.info.normalized,
      sex: parsed.info.sex,
      birthDate: parsed.info.birthDate,
      education,
      unit,
      occupationYears: years,
      ticket: ticket === '' ? null : ticket,
      room: room === '' ? null : room,
      seat,
    });
  });
  if (problems.length > 0) return { ok: false, problems };
  if (rows.length === 0)
    return { ok: false, problems: [{ sheet: name, row: 0, column: '', field: '', message: '名单中没有考生' }] };
  return { ok: true, rows };
}

/**
 * Imports a roster into a batch: all or nothing. Rows without a room or seat are seated in the first free seats
 * (rooms in code order); rows without a 准考证号 get prefix + room code + three-digit seat. Every problem is
 * reported (row, column, reason), including clashes with candidates already in the batch.
 */
export async function importRoster(
  ctx: ServiceContext,
  by: string,
  batchId: string,
  data: Uint8Array,
): Promise<{ imported: number }> {
  await requireRole(ctx, by, ['administrator']);
  const batch = await ctx.db
    .selectFrom('batches')
    .select(['id', 'ticket_prefix'])
    .where('id', '=', batchId)
    .executeTakeFirst();
  if (!batch) throw fail.notFound(`批次 ${batchId} 不存在`, `no batch ${batchId}`);
  const read = await readRosterWorkbook(data);
  if (!read.ok)
    throw fail.invalid(
      `考生名单有 ${read.problems.length} 处错误，未导入任何考生`,
      'roster has problems',
      read.problems,
    );
  const rooms = await ctx.db
    .selectFrom('rooms')
    .select(['id', 'code', 'name', 'seats'])
    .where('batch_id', '=', batchId)
    .orderBy('code')
    .execute();
  const existing = await ctx.db
    .selectFrom('candidates')
    .select(['id_number', 'room_id', 'seat'])
    .where('batch_id', '=', batchId)
    .execute();
  const problems: RosterProblem[] = [];
  const sheet = ROSTER_SHEET;
  const at = (row: number, col: number, message: string): void =>
    void problems.push({ sheet, row, column: COLUMN_LETTERS[col] ?? '', field: ROSTER_HEADERS[col] ?? '', message });
  const knownIds = new Set(existing.map((e) => e.id_number));
  const taken = new Map(rooms.map((r) => [r.id, new Set<number>()]));
  for (const e of existing) taken.get(e.room_id)?.add(e.seat);
  const roomOf = (text: string) => rooms.find((r) => r.code === text || r.name === text);
  for (const row of read.rows) {
    if (knownIds.has(row.idNumber)) at(row.row, 1, '该身份证号的考生已在本批次中');
    if (row.room === null) continue;
    const room = roomOf(row.room);
    if (!room) at(row.row, 6, `考场“${row.room}”不在本批次中（考场：${rooms.map((r) => r.code).join('、')}）`);
    else if (row.seat !== null) {
      if (row.seat > room.seats) at(row.row, 7, `考场 ${room.code} 只有 ${room.seats} 个座位`);
      else if (taken.get(room.id)!.has(row.seat)) at(row.row, 7, `考场 ${room.code} 座位 ${row.seat} 已有考生`);
      else taken.get(room.id)!.add(row.seat);
    }
  }
  // Seat the rest: rows naming a room first fill that room, the others the first room with a free seat.
  const placed: { row: RosterRow; roomId: string; roomCode: string; seat: number }[] = [];
  const nextFree = (roomId: string, seats: number): number | null => {
    const used = taken.get(roomId)!;
    for (let s = 1; s <= seats; s++) if (!used.has(s)) return s;
    return null;
  };
  for (const row of read.rows) {
    if (problems.length > 0) break;
    const named = row.room === null ? undefined : roomOf(row.room);
    const candidates = named ? [named] : rooms;
    let done = false;
    for (const room of candidates) {
      const seat = row.seat ?? nextFree(room.id, room.seats);
      if (seat === null) continue;
      taken.get(room.id)!.add(seat);
      placed.push({ row, roomId: room.id, roomCode: room.code, seat });
      done = true;
      break;
    }
    if (!done) at(row.row, 6, named ? `考场 ${named.code} 已满` : '所有考场都已坐满，请增加考场或座位');
  }
  const tickets = placed.map(
    (p) => p.row.ticket ?? `${batch.ticket_prefix}${p.roomCode}${String(p.seat).padStart(3, '0')}`,
  );
  if (problems.length === 0 && tickets.length > 0) {
    const clash = new Set<string>();
    for (let i = 0; i < tickets.length; i += 500) {
      const found = await ctx.db
        .selectFrom('candidates')
        .select('ticket')
        .where('ticket', 'in', tickets.slice(i, i + 500))
        .execute();
      for (const f of found) clash.add(f.ticket);
    }
    const seen = new Set<string>();
    placed.forEach((p, i) => {
      const t = tickets[i]!;
      if (clash.has(t) || seen.has(t)) at(p.row.row, 5, `准考证号 ${t} 已被使用`);
      seen.add(t);
    });
  }
  if (problems.length > 0) {
    problems.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
    throw fail.invalid(`考生名单有 ${problems.length} 处错误，未导入任何考生`, 'roster has problems', problems);
  }
  const now = isoNow(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const values = placed.map((p, i) => ({
      id: ctx.newId(),
      batch_id: batchId,
      ticket: tickets[i]!,
      name: p.row.name,
      id_number: p.row.idNumber,
      sex: p.row.sex,
      birth_date: p.row.birthDate,
      education: p.row.education,
      unit: p.row.unit,
      occupation_years: p.row.occupationYears,
      room_id: p.roomId,
      seat: p.seat,
      absent: 0,
      created_at: now,
    }));
    for (let i = 0; i < values.length; i += 200)
      await trx
        .insertInto('candidates')
        .values(values.slice(i, i + 200))
        .execute();
    await audit(trx, ctx, {
      actor: by,
      action: 'batch.roster',
      entity: 'batch',
      entityId: batchId,
      detail: { imported: values.length },
    });
  });
  return { imported: placed.length };
}

/** A roster workbook with the import headers (the template, and test and demo data). */
export async function rosterWorkbook(rows: readonly (readonly (string | number | null)[])[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(ROSTER_SHEET);
  sheet.addRow([...ROSTER_HEADERS]);
  // Text format for ID numbers and tickets, so Excel keeps every digit.
  for (const col of [2, 6]) sheet.getColumn(col).numFmt = '@';
  for (const r of rows) sheet.addRow(r.map((v) => v ?? ''));
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}
