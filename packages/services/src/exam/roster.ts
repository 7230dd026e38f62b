import {
  headerProblems,
  loadWorkbook,
  mergeProblems,
  notAWorkbook,
  problemsOf,
  readDataRows,
  rowReader,
  type SheetLayout,
  sortProblems,
} from '@kaowu/bank';
import {
  EDUCATION_LEVELS,
  EDUCATION_NAMES,
  parseIdNumber,
  type EducationLevel,
  type SheetProblem,
  sheetProblem,
  ACCOMMODATION_LIMITS,
  NO_ACCOMMODATION,
  type Accommodation,
  KaowuError,
  BATCH_STAGE_NAMES,
  rosterImportOpen,
  rosterLinesOpen,
} from '@kaowu/domain';
import ExcelJS from 'exceljs';
import { audit } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { isoNow } from '../shared/context.ts';
import { fail } from '../shared/failures.ts';
import { authorize } from '../shared/authorize.ts';
import { chunksOf, insertChunked } from '../shared/chunks.ts';
import { writeAccommodation } from './accommodations.ts';
import { readPhotoZip, unknownPeople, writePhotos } from './photos.ts';
import { candidateListFrozen, candidateListRunning } from '../results/candidate-list.ts';
import { stageOf } from './stage.ts';
import type { Executor } from '../audit/writer.ts';

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
/** Optional columns after 座位号: a candidate's accommodation (blank: none). */
export const ACCOMMODATION_HEADERS = ['延时（分钟）', '时间倍数', '大字号'] as const;
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
  readonly accommodation: Accommodation;
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

// Columns, 1-based as in Excel (姓名 A … 座位号 H).
// ID numbers must be typed as text: Excel drops digits of numbers.
const [NAME, ID, EDUCATION, UNIT, YEARS, TICKET, ROOM, SEAT] = [1, 2, 3, 4, 5, 6, 7, 8] as const;
const [EXTRA, FACTOR, LARGE_FONT] = [9, 10, 11] as const;
const layoutOf = (name: string, accommodations = false): SheetLayout => ({
  name,
  headers: accommodations ? [...ROSTER_HEADERS, ...ACCOMMODATION_HEADERS] : ROSTER_HEADERS,
  textColumns: [ID],
});
/** A workbook with anything right of 座位号 is read with the accommodation columns (and checked against them). */
const hasAccommodationColumns = (sheet: ExcelJS.Worksheet): boolean => sheet.getRow(1).cellCount > SEAT;
const YES = new Set(['是', '1', 'Y', 'YES', 'TRUE', '√']);
const NO = new Set(['', '否', '0', 'N', 'NO', 'FALSE']);

/**
 * Reads a roster workbook: every problem of every row (row, column, reason), or every row validated. The ID
 * number gives sex and birth date. Duplicates within the file are problems here; the batch's own are checked
 * on import.
 */
export async function readRosterWorkbook(
  data: Uint8Array,
): Promise<{ ok: true; rows: RosterRow[] } | { ok: false; problems: SheetProblem[] }> {
  const workbook = await loadWorkbook(data);
  if (!workbook) return { ok: false, problems: [notAWorkbook(ROSTER_SHEET)] };
  const sheet = workbook.worksheets.find((s) => s.name.trim() === ROSTER_SHEET) ?? workbook.worksheets[0];
  if (!sheet) return { ok: false, problems: [sheetProblem(ROSTER_SHEET, '工作簿中没有工作表')] };
  const withAccommodations = hasAccommodationColumns(sheet);
  const layout = layoutOf(sheet.name, withAccommodations);
  const problems = headerProblems(sheet, layout);
  if (problems.length > 0) return { ok: false, problems };
  problems.push(...mergeProblems(sheet, layout));
  const rows: RosterRow[] = [];
  const seenId = new Map<string, number>();
  const seenTicket = new Map<string, number>();
  const seenSeat = new Map<string, number>();
  for (const cells of readDataRows(sheet, layout, problems)) {
    const r = rowReader(layout, cells, problems);
    const person = r.required(NAME);
    const idNumber = r.required(ID);
    const parsed = idNumber === '' ? null : parseIdNumber(idNumber);
    if (parsed && !parsed.ok) r.problem(ID, parsed.message);
    r.required(EDUCATION);
    const education = r.oneOf(
      EDUCATION,
      (text) => EDUCATION_BY_NAME.get(text.replace(/\s+/g, '')),
      (text) => `文化程度“${text}”无法识别，应为 ${EDUCATION_LEVELS.map((e) => EDUCATION_NAMES[e]).join('、')} 之一`,
    );
    const unit = r.required(UNIT);
    r.required(YEARS);
    const years = r.number(YEARS, { min: 0, max: 60 }, (text) => `专业工龄“${text}”应为 0–60 之间的年数`);
    const ticket = r.text(TICKET);
    if (ticket !== '' && !/^[0-9A-Za-z]{4,24}$/.test(ticket)) r.problem(TICKET, '准考证号只能是 4–24 位字母或数字');
    const room = r.text(ROOM);
    const seat = r.number(
      SEAT,
      { min: 1, max: Number.MAX_SAFE_INTEGER, integer: true },
      (t) => `座位号“${t}”应为正整数`,
    );
    if (r.text(SEAT) !== '' && room === '') r.problem(ROOM, '填写了座位号时必须填写考场');
    const normalized = parsed?.ok ? parsed.info.normalized : null;
    if (normalized !== null) {
      const first = seenId.get(normalized);
      if (first !== undefined) r.problem(ID, `身份证号与第 ${first} 行重复`);
      else seenId.set(normalized, r.row);
    }
    if (ticket !== '') {
      const first = seenTicket.get(ticket);
      if (first !== undefined) r.problem(TICKET, `准考证号与第 ${first} 行重复`);
      else seenTicket.set(ticket, r.row);
    }
    if (room !== '' && seat !== null) {
      const first = seenSeat.get(`${room}#${seat}`);
      if (first !== undefined) r.problem(SEAT, `考场 ${room} 座位 ${seat} 与第 ${first} 行重复`);
      else seenSeat.set(`${room}#${seat}`, r.row);
    }
    let accommodation = NO_ACCOMMODATION;
    if (withAccommodations) {
      const extra = r.number(
        EXTRA,
        { min: 0, max: ACCOMMODATION_LIMITS.maxExtraMinutes, integer: true },
        (t) => `延时“${t}”应为 0–${ACCOMMODATION_LIMITS.maxExtraMinutes} 之间的整数分钟`,
      );
      const factor = r.number(
        FACTOR,
        { min: 1, max: ACCOMMODATION_LIMITS.maxFactor },
        (t) => `时间倍数“${t}”应为 1–${ACCOMMODATION_LIMITS.maxFactor} 之间的数（如 1.5）`,
      );
      const font = r.text(LARGE_FONT).toUpperCase();
      if (!YES.has(font) && !NO.has(font)) r.problem(LARGE_FONT, `大字号“${r.text(LARGE_FONT)}”应填“是”或留空`);
      accommodation = { extraMinutes: extra ?? 0, timeFactor: factor ?? 1, largeFont: YES.has(font) };
    }
    if (r.failed() || !parsed?.ok || education === undefined || years === null) continue;
    rows.push({
      row: r.row,
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
      accommodation,
    });
  }
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };
  if (rows.length === 0) return { ok: false, problems: [sheetProblem(sheet.name, '名单中没有考生')] };
  return { ok: true, rows };
}

/**
 * Imports a roster into a batch, with a zip of photos named by 身份证号 beside it if given: all or nothing, every
 * problem of the workbook and of the zip reported together (a photo naming nobody on the roster is one). Rows without a room or seat are seated in the first free seats
 * (rooms in code order); rows without a 准考证号 get prefix + room code + three-digit seat. Every problem is
 * reported (row, column, reason), including clashes with candidates already in the batch.
 */
export async function importRoster(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
  data: Uint8Array,
  photoZip?: Uint8Array,
): Promise<{ imported: number; photos: number }> {
  // The batch by id or by its plan number (the CLI names batches by 认定计划号).
  const batch = await ctx.db
    .selectFrom('batches')
    .select(['id', 'ticket_prefix'])
    .where((eb) => eb.or([eb('id', '=', batchRef), eb('plan_number', '=', batchRef)]))
    .executeTakeFirst();
  if (!batch) throw fail.notFound(`批次 ${batchRef} 不存在`, `no batch ${batchRef}`);
  const batchId = batch.id;
  await authorize(ctx, by, 'batch.manage', { batchId });
  await requireImportOpen(ctx.db, batchId, ctx.now());
  const read = await readRosterWorkbook(data);
  const photos = photoZip === undefined ? undefined : await readPhotoZip(photoZip);
  if (!read.ok || (photos && !photos.ok)) {
    const all = [...(read.ok ? [] : read.problems), ...(photos && !photos.ok ? photos.problems : [])];
    throw fail.invalid(`考生名单或照片有 ${all.length} 处错误，未导入任何考生`, 'roster has problems', all);
  }
  const photoProblems = photos?.ok ? unknownPeople(photos.photos, new Map(read.rows.map((r) => [r.idNumber, r]))) : [];
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
  const problems: SheetProblem[] = [];
  const cellAt = problemsOf(layoutOf(ROSTER_SHEET));
  const at = (row: number, col: number, message: string): void => void problems.push(cellAt(row, col + 1, message));
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
    for (const chunk of chunksOf(tickets, 500)) {
      const found = await ctx.db.selectFrom('candidates').select('ticket').where('ticket', 'in', chunk).execute();
      for (const f of found) clash.add(f.ticket);
    }
    const seen = new Set<string>();
    placed.forEach((p, i) => {
      const t = tickets[i]!;
      if (clash.has(t) || seen.has(t)) at(p.row.row, 5, `准考证号 ${t} 已被使用`);
      seen.add(t);
    });
  }
  if (problems.length > 0 || photoProblems.length > 0) {
    sortProblems(problems);
    problems.push(...photoProblems);
    throw fail.invalid(`考生名单或照片有 ${problems.length} 处错误，未导入任何考生`, 'roster has problems', problems);
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
    await insertChunked(trx, 'candidates', values, 200);
    const idOf = new Map(values.map((v) => [v.id_number, v.id]));
    const accommodated = placed.filter((p) => p.row.accommodation !== NO_ACCOMMODATION);
    for (const p of accommodated)
      await writeAccommodation(trx, ctx, by, idOf.get(p.row.idNumber)!, p.row.accommodation);
    const withPhotos = photos?.ok
      ? [...photos.photos].map(([id, photo]) => ({ candidateId: idOf.get(id)!, photo }))
      : [];
    await writePhotos(trx, ctx, by, withPhotos);
    await audit(trx, ctx, {
      actor: by,
      action: 'batch.roster',
      entity: 'batch',
      entityId: batchId,
      detail: { imported: values.length, photos: withPhotos.length, accommodations: accommodated.length },
    });
  });
  return { imported: placed.length, photos: photos?.ok ? photos.photos.size : 0 };
}

/**
 * Refuses a roster import unless rosterImportOpen says the batch takes one (the console offers the import from the
 * same rule): once any room has opened who sits the exam is settled (the staff freeze at the same moment,
 * batches.ts), and the published candidate list freezes the roster for its window. Single lines stay correctable
 * in the roster table until the exam is over: an edit keeps the person (身份证号 is not editable) and keeps a
 * logged-in candidate's seat.
 */
async function requireImportOpen(db: Executor, batchId: string, now: Date): Promise<void> {
  const stage = await stageOf(db, batchId);
  const listUntil = await candidateListRunning(db, batchId, now);
  if (rosterImportOpen(stage, listUntil !== undefined)) return;
  if (listUntil !== undefined && rosterImportOpen(stage, false)) throw candidateListFrozen(listUntil);
  const opened = await db
    .selectFrom('rooms')
    .select('code')
    .where('batch_id', '=', batchId)
    .where('opened_at', 'is not', null)
    .orderBy('code')
    .executeTakeFirst();
  throw new KaowuError(
    'roster_frozen',
    opened
      ? `考场 ${opened.code} 已开考，本批次不得再导入考生名单${rosterLinesOpen(stage) ? '（个别考生信息可在考生列表中逐行更正）' : ''}`
      : `本批次已进入${BATCH_STAGE_NAMES[stage]}阶段，不得再导入考生名单`,
    opened ? `room ${opened.code} has opened: the roster can no longer be imported` : `the batch is at ${stage}`,
  );
}

/** A roster workbook with the import headers (the template, and test and demo data). */
export async function rosterWorkbook(rows: readonly (readonly (string | number | null)[])[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(ROSTER_SHEET);
  const accommodations = rows.some((r) => r.length > ROSTER_HEADERS.length);
  sheet.addRow(accommodations ? [...ROSTER_HEADERS, ...ACCOMMODATION_HEADERS] : [...ROSTER_HEADERS]);
  // Text format for ID numbers and tickets, so Excel keeps every digit.
  for (const col of [2, 6]) sheet.getColumn(col).numFmt = '@';
  for (const r of rows) sheet.addRow(r.map((v) => v ?? ''));
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}
