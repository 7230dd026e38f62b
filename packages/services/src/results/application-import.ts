import type { SheetProblem } from '@kaowu/domain';
import { z } from 'zod';
import type { ServiceContext } from '../shared/context.ts';
import { fail } from '../shared/failures.ts';
import {
  batchApplications,
  batchElectives,
  checkApplications,
  saveApplications,
  type ApplicationProblem,
  type RecordedApplications,
} from './applications.ts';
import {
  APPLICATION_LAYOUTS,
  APPLICATION_SHEET_KEYS,
  applicationWorkbook,
  columnOf,
  type ApplicationSheetKey,
} from './application-sheets.ts';
import { readApplicationWorkbook, type ApplicationSource } from './application-workbook.ts';
import { batchCandidates, batchToChange, findBatch, findPlan } from './batch.ts';
import { authorize } from '../shared/authorize.ts';

/** The batch's candidates in the application workbook, with whatever was recorded before (for editing in Excel). */
export async function applicationTemplate(ctx: ServiceContext, by: string, batchRef: string): Promise<Uint8Array> {
  await authorize(ctx, by, 'plan.write');
  const batch = await findBatch(ctx.db, batchRef);
  const plan = (await findPlan(ctx.db, batch.id))?.plan;
  const facts = await batchApplications(ctx.db, batch.id);
  const electives = await batchElectives(ctx.db, batch.id);
  const people = await batchCandidates(ctx.db, batch.id);
  return applicationWorkbook(
    plan,
    people.map((p) => ({
      ticket: p.ticket,
      name: p.name,
      idNumber: p.id_number,
      facts: facts.get(p.id),
      electives: electives.get(p.id),
    })),
  );
}

// Chinese schema messages for users reading a sheet; a missing value reads better as what it is.
const zh = z.locales.zhCN().localeError;
const SCHEMA_MESSAGES = {
  error: (issue: Parameters<typeof zh>[0]) => (issue.input === undefined ? '不能为空' : zh(issue)),
};

/** A record's problem at its cell: the field path names the sheet (certificates.1.level → 已有证书, that row). */
function locate(source: ApplicationSource, p: ApplicationProblem): SheetProblem {
  const [head = '', index, leaf = ''] = p.field.split('.');
  const part = head === 'certificates' || head === 'awards' || head === 'evidence' ? head : undefined;
  const nested = part !== undefined && index !== undefined ? source[part][Number(index)] : undefined;
  const sheet: ApplicationSheetKey = nested !== undefined && part !== undefined ? part : 'main';
  const place = nested !== undefined && part !== undefined ? columnOf(part, leaf) : columnOf('main', head);
  const header = place?.header ?? p.field;
  const message = p.schema ? `${header ? `${header}：` : ''}${p.message}` : p.message;
  return {
    sheet: APPLICATION_LAYOUTS[sheet].name,
    row: nested ?? source.main,
    column: place?.column ?? '',
    field: place?.header ?? '',
    message,
  };
}

const order = (a: SheetProblem, b: SheetProblem): number => {
  const sheet = (p: SheetProblem) => APPLICATION_SHEET_KEYS.findIndex((k) => APPLICATION_LAYOUTS[k].name === p.sheet);
  return sheet(a) - sheet(b) || a.row - b.row || a.column.length - b.column.length || a.column.localeCompare(b.column);
};

/**
 * Imports the application workbook: the whole workbook is checked first (cells, then every record against
 * the batch's candidates and plan), and any problem refuses all of it with its sheet, row and column. Returns
 * what `recordApplications` returns: how many were recorded and the ineligible ones with their reasons.
 */
export async function importApplications(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
  data: Uint8Array,
): Promise<RecordedApplications> {
  const batch = await batchToChange(ctx, by, 'plan.write', batchRef);
  const batchPlan = await findPlan(ctx.db, batch.id);
  const refuse = (problems: SheetProblem[]) =>
    fail.invalid(
      `申报信息工作簿有 ${problems.length} 处错误，未录入任何记录`,
      'application workbook has problems',
      problems.sort(order),
    );
  const read = await readApplicationWorkbook(data, batchPlan?.plan);
  if (!read.ok) throw refuse(read.problems);
  const { accepted, problems } = checkApplications(
    read.records,
    await batchCandidates(ctx.db, batch.id),
    batchPlan?.plan,
    SCHEMA_MESSAGES,
  );
  const located = problems.map((p) => locate(read.sources[p.index]!, p));
  // 姓名 is only there for the reader's eye, but a wrong one means the row was meant for someone else.
  for (const a of accepted) {
    const source = read.sources[a.index]!;
    if (source.name !== '' && source.name.replace(/\s+/g, '') !== a.row.name.replace(/\s+/g, ''))
      located.push({
        sheet: APPLICATION_LAYOUTS.main.name,
        row: source.main,
        column: 'B',
        field: '姓名',
        message: `姓名“${source.name}”与准考证号 ${a.row.ticket} 的考生（${a.row.name}）不符`,
      });
  }
  if (located.length > 0) throw refuse(located);
  return saveApplications(ctx, by, batch, batchPlan, accepted);
}
