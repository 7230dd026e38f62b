import {
  applicationFacts,
  type ApplicationFacts,
  type AssessmentPlan,
  type Candidate,
  candidate as candidateSchema,
} from '@kaowu/domain';
import { checkEligibility, dispatchedCapProblem, type EligibilityResult } from '@kaowu/grading';
import { z } from 'zod';
import { fromJson, toJson } from '@kaowu/db';
import { audit, type Executor } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { isoNow } from '../shared/context.ts';
import { fail } from '../shared/failures.ts';
import {
  batchCandidates,
  batchToChange,
  findBatch,
  findPlan,
  requirePlan,
  type BatchPlan,
  type CandidateRecord,
  type ResultsBatch,
} from './batch.ts';
import { authorize } from '../shared/authorize.ts';
import { getResultsSettings } from './settings.ts';

/** An application as imported: the facts, and the candidate named by 准考证号 or ID number. */
export const applicationInput = applicationFacts.extend({
  ticket: z.string().trim().min(1).optional(),
  idNumber: z.string().trim().min(1).optional(),
  /** Elective group code → the modules chosen (选考). */
  electives: z.record(z.string(), z.array(z.string().trim().min(1))).optional(),
});
export type ApplicationInput = z.input<typeof applicationInput>;

/**
 * The candidate as eligibility sees them: the roster's facts and the application's. Both were checked when
 * recorded (the application with the candidate schema, below), so reading them back does not parse again.
 */
export function candidateOf(row: CandidateRecord, application: ApplicationFacts): Candidate {
  return {
    ...application,
    id: row.id,
    name: row.name,
    idNumber: row.id_number,
    unit: row.unit,
    education: row.education as Candidate['education'],
    occupationYears: row.occupation_years,
  };
}

/** Problems with a candidate's elective choices under the plan (every group must be chosen, k of n). */
export function electiveProblems(
  plan: AssessmentPlan,
  electives: Readonly<Record<string, readonly string[]>>,
): string[] {
  const problems: string[] = [];
  for (const code of Object.keys(electives))
    if (!plan.electiveGroups.some((g) => g.code === code)) problems.push(`认定方案中没有选考模块组 ${code}`);
  for (const g of plan.electiveGroups) {
    const picks = electives[g.code] ?? [];
    const modules = plan.components.filter((c) => c.group === g.code).map((c) => c.code);
    const foreign = picks.filter((p) => !modules.includes(p));
    if (foreign.length > 0)
      problems.push(`${foreign.join('、')} 不是选考模块组“${g.name}”的模块（可选：${modules.join('、')}）`);
    else if (new Set(picks).size !== g.choose)
      problems.push(`选考模块组“${g.name}”应选 ${g.choose} 个模块，实际 ${new Set(picks).size} 个`);
  }
  return problems;
}

/** One problem of one application record, with what a caller needs to point at it. */
export interface ApplicationProblem {
  /** The record's position in the input. */
  readonly index: number;
  /**
   * The field at fault as a path into the record ('ticket', 'certificates.0.level', 'electives'); '' for the record.
   */
  readonly field: string;
  readonly message: string;
  /** The schema's message, which does not name the field itself. */
  readonly schema: boolean;
  /** The candidate, once the record names one of the batch. */
  readonly candidate?: { readonly ticket: string; readonly name: string };
}

/** A record that passed every check, ready to be saved. */
export interface AcceptedApplication {
  /** The record's position in the input. */
  readonly index: number;
  readonly row: CandidateRecord;
  readonly facts: ApplicationFacts;
  readonly electives: Record<string, string[]> | undefined;
}

/**
 * Checks application records against the batch's candidates and plan without saving anything: every record's
 * every problem, or every record accepted. `parse` is passed to zod (e.g. a locale's error map).
 */
export function checkApplications(
  records: readonly unknown[],
  people: readonly CandidateRecord[],
  plan: AssessmentPlan | undefined,
  parse?: Parameters<typeof applicationInput.safeParse>[1],
): { accepted: AcceptedApplication[]; problems: ApplicationProblem[] } {
  const byTicket = new Map(people.map((p) => [p.ticket, p]));
  const byId = new Map(people.map((p) => [p.id_number, p]));
  const problems: ApplicationProblem[] = [];
  const accepted: AcceptedApplication[] = [];
  const seen = new Set<string>();
  records.forEach((raw, index) => {
    const problem = (
      field: string,
      message: string,
      more: { schema?: boolean; candidate?: CandidateRecord } = {},
    ): void =>
      void problems.push({
        index,
        field,
        message,
        schema: more.schema ?? false,
        ...(more.candidate ? { candidate: { ticket: more.candidate.ticket, name: more.candidate.name } } : {}),
      });
    const parsed = applicationInput.safeParse(raw, parse);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problem(issue.path.join('.'), issue.message, { schema: true });
      return;
    }
    const { ticket, idNumber, electives, ...rest } = parsed.data;
    const row =
      ticket !== undefined
        ? byTicket.get(ticket)
        : idNumber !== undefined
          ? byId.get(idNumber.toUpperCase())
          : undefined;
    if (ticket === undefined && idNumber === undefined) return problem('ticket', '须填写准考证号或身份证号');
    if (row === undefined)
      return ticket !== undefined
        ? problem('ticket', `准考证号 ${ticket} 不在本批次中`)
        : problem('idNumber', `身份证号 ${idNumber} 不在本批次中`);
    if (idNumber !== undefined && row.id_number !== idNumber.toUpperCase())
      return problem('idNumber', `准考证号 ${row.ticket} 与身份证号不符`);
    if (seen.has(row.id)) return problem('ticket', `考生 ${row.ticket}（${row.name}）重复`);
    seen.add(row.id);
    const whole = candidateSchema.safeParse(candidateOf(row, rest), parse);
    if (!whole.success) {
      for (const x of whole.error.issues) problem(x.path.join('.'), x.message, { schema: true, candidate: row });
      return;
    }
    if (electives !== undefined) {
      if (plan === undefined) return problem('electives', '批次尚未设置认定方案，不能登记选考模块', { candidate: row });
      const wrong = electiveProblems(plan, electives);
      if (wrong.length > 0) return wrong.forEach((m) => problem('electives', m, { candidate: row }));
    }
    accepted.push({ index, row, facts: rest, electives });
  });
  return { accepted, problems };
}

/** A problem as one line of text, naming the record (the CLI and JSON callers' form). */
function problemLine(records: readonly unknown[], p: ApplicationProblem): string {
  const raw = records[p.index];
  const named =
    typeof raw === 'object' && raw !== null && 'ticket' in raw && typeof raw.ticket === 'string'
      ? raw.ticket
      : undefined;
  const label =
    p.candidate !== undefined
      ? `第 ${p.index + 1} 条（${p.candidate.ticket} ${p.candidate.name}）`
      : `第 ${p.index + 1} 条${named === undefined ? '' : `（准考证号 ${named}）`}`;
  return `${label}：${p.schema ? `${p.field || '记录'} ` : ''}${p.message}`;
}

export interface RecordedApplications {
  readonly recorded: number;
  readonly ineligible: { ticket: string; name: string; reasons: readonly string[] }[];
}

/**
 * Records application facts (and elective choices) for candidates of a batch: all or nothing, every
 * problem reported with the record it belongs to. A record replaces the candidate's earlier one. Once the
 * batch has a plan, eligibility is checked at once and every ineligible candidate returned with the reasons.
 */
export async function recordApplications(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
  records: readonly unknown[],
): Promise<RecordedApplications> {
  const batch = await batchToChange(ctx, by, 'plan.write', batchRef);
  const batchPlan = await findPlan(ctx.db, batch.id);
  const { accepted, problems: found } = checkApplications(
    records,
    await batchCandidates(ctx.db, batch.id),
    batchPlan?.plan,
  );
  const problems = found.map((p) => problemLine(records, p));
  const shown = `${problems.slice(0, 5).join('；')}${problems.length > 5 ? '……' : ''}`;
  if (problems.length > 0)
    throw fail.invalid(
      `申报信息有 ${problems.length} 处问题，未录入任何记录：${shown}`,
      'invalid applications',
      problems,
    );
  return saveApplications(ctx, by, batch, batchPlan, accepted);
}

/** Saves checked records in one transaction (audited) and returns the ineligible ones with their reasons. */
export async function saveApplications(
  ctx: ServiceContext,
  by: string,
  batch: ResultsBatch,
  batchPlan: BatchPlan | undefined,
  accepted: readonly AcceptedApplication[],
): Promise<RecordedApplications> {
  const now = isoNow(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    for (const a of accepted) {
      const json = toJson(a.facts);
      await trx
        .insertInto('candidate_applications')
        .values({ candidate_id: a.row.id, batch_id: batch.id, application_json: json, updated_by: by, updated_at: now })
        .onConflict((oc) =>
          oc.column('candidate_id').doUpdateSet({ application_json: json, updated_by: by, updated_at: now }),
        )
        .execute();
      if (a.electives !== undefined) {
        await trx.deleteFrom('candidate_electives').where('candidate_id', '=', a.row.id).execute();
        const picks = Object.entries(a.electives).flatMap(([group, codes]) =>
          [...new Set(codes)].map((code) => ({
            candidate_id: a.row.id,
            batch_id: batch.id,
            group_code: group,
            component_code: code,
          })),
        );
        if (picks.length > 0) await trx.insertInto('candidate_electives').values(picks).execute();
      }
    }
    await audit(trx, ctx, {
      actor: by,
      action: 'results.applications',
      entity: 'batch',
      entityId: batch.id,
      detail: { recorded: accepted.length, tickets: accepted.map((a) => a.row.ticket) },
    });
  });
  const ineligible =
    batchPlan === undefined
      ? []
      : accepted.flatMap((a) => {
          const r = checkEligibility(batchPlan.plan, candidateOf(a.row, a.facts), batchPlan.eligibilityAsOf);
          return r.eligible ? [] : [{ ticket: a.row.ticket, name: a.row.name, reasons: r.reasons }];
        });
  return { recorded: accepted.length, ineligible };
}

/** candidate id → application facts, for the batch. */
export async function batchApplications(db: Executor, batchId: string): Promise<Map<string, ApplicationFacts>> {
  const rows = await db
    .selectFrom('candidate_applications')
    .select(['candidate_id', 'application_json'])
    .where('batch_id', '=', batchId)
    .execute();
  // Written by recordApplications after validation, so read back as stored.
  return new Map(rows.map((r) => [r.candidate_id, fromJson(r.application_json)]));
}

/** candidate id → group → chosen modules. */
export async function batchElectives(db: Executor, batchId: string): Promise<Map<string, Record<string, string[]>>> {
  const rows = await db
    .selectFrom('candidate_electives')
    .select(['candidate_id', 'group_code', 'component_code'])
    .where('batch_id', '=', batchId)
    .execute();
  const out = new Map<string, Record<string, string[]>>();
  for (const r of rows) {
    const groups = out.get(r.candidate_id) ?? {};
    (groups[r.group_code] ??= []).push(r.component_code);
    out.set(r.candidate_id, groups);
  }
  return out;
}

export const NO_APPLICATION = '未录入申报信息，无法审核申报条件';

export interface EligibilityLine {
  readonly ticket: string;
  readonly name: string;
  /** null: no application facts recorded yet. */
  readonly result: EligibilityResult | null;
}

/** Every candidate's eligibility on the plan's application deadline, with the reasons for each ineligible one. */
export async function batchEligibility(
  ctx: ServiceContext,
  by: string,
  batchRef: string,
): Promise<{ asOf: string; lines: EligibilityLine[]; batchProblems: string[] }> {
  const batch = await findBatch(ctx.db, batchRef);
  await authorize(ctx, by, 'results.read', { batchId: batch.id });
  const { plan, eligibilityAsOf } = await requirePlan(ctx.db, batch);
  const applications = await batchApplications(ctx.db, batch.id);
  const lines = (await batchCandidates(ctx.db, batch.id)).map((row): EligibilityLine => {
    const application = applications.get(row.id);
    return {
      ticket: row.ticket,
      name: row.name,
      result: application ? checkEligibility(plan, candidateOf(row, application), eligibilityAsOf) : null,
    };
  });
  const dispatched = [...applications.values()].filter((a) => a.employment === 'dispatched').length;
  const cap = dispatchedCapProblem({ dispatched, workforce: (await getResultsSettings(ctx)).workforceSize });
  return { asOf: eligibilityAsOf, lines, batchProblems: cap === undefined ? [] : [cap] };
}
