/**
 * Names for the server's answers that the console's screens pass around. Every one is derived from a route of
 * the typed client (`Answer<…>`), none is written by hand: a change on the server shows here as a type error.
 */
import type { Outline as DomainOutline } from '@kaowu/domain';
import type { Answer, client } from './api.ts';

type Bank = (typeof client.banks)[':occupation'][':level'];
type Batch = (typeof client.batches)[':batchId'];
type Results = Batch['results'];

export type Me = Answer<typeof client.staff.me.$get>;
export type Role = Me['roles'][number];
export type BankSummary = Answer<typeof client.banks.$get>[number];
export type BankRef = Pick<BankSummary, 'occupationCode' | 'level'>;
export type BankStatus = Answer<Bank['status']['$get']>;
/**
 * The outline route answers the domain's `Outline`; its areas nest recursively, which hono's JSON type flattens to
 * JSONValue below the first level, so the domain's type (type-only import: nothing enters the bundle) names it.
 */
export type Outline = DomainOutline;
export type OutlineArea = Outline['areas'][number];
export type ItemVersion = Answer<Bank['items']['$get']>[number];
export type ItemContent = ItemVersion['content'];
export type ItemStatus = ItemVersion['status'];
export type ItemType = ItemContent['type'];
/** What changed since the bank's certified release (assessors certify the next release from it). */
export type ReleaseChanges = Answer<Bank['changes']['$get']>;

export type BatchSummary = Answer<typeof client.batches.$get>[number];
export type BatchView = Answer<Batch['$get']>;
export type RosterLine = Answer<Batch['candidates']['$get']>[number];
export type RoomView = Answer<(typeof client.rooms)[':roomId']['$get']>;
export type SeatView = RoomView['seats'][number];
export type RoomLogEntry = RoomView['log'][number];

export type Publicity = Answer<Results['publicity']['$get']>;
export type CertificateList = Answer<Results['certificates']['$get']>;

export type BankBlueprintView = Answer<Bank['blueprint']['$get']>;
export type BlueprintArea = BankBlueprintView['areas'][number];
export type ApprovedCell = BankBlueprintView['approved'][number];
export type Feasibility = Answer<Bank['feasibility']['$post']>;
export type FeasibilityProblem = Extract<Feasibility, { ok: false }>['problems'][number];
export type PaperRow = Answer<Bank['papers']['$get']>[number];
export type StoredPaperView = Answer<(typeof client.papers)[':paperId']['$get']>;

export type PlanView = Answer<Batch['plan']['$get']>;
export type AssessmentPlanView = NonNullable<PlanView['plan']>;
export type ComponentKind = PlanView['kinds'][number]['value'];
export type PlanProblem = Answer<Batch['plan']['check']['$post']>['problems'][number];
export type PanelSetup = Answer<Batch['panels']['$get']>;
export type RecordedApplications = Answer<Batch['applications']['import']['$post']>;
export type EligibilityView = Answer<Results['eligibility']['$get']>;
export type EligibilityLine = EligibilityView['lines'][number];
