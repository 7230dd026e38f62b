import { auditEntityName, levelLabel, parseLevel } from '@kaowu/domain';
import type { Executor } from './writer.ts';

interface Described {
  readonly entity: string;
  readonly entity_id: string;
  readonly actor: string;
}

export interface RecordWords {
  /**
   * What each record concerns, in words: `考生 张三（准考证 …）`, `批次 DEMO-2026-001 …`,
   * `试题 T0001（6-31-01-03 五级/初级工）`.
   */
  readonly subjects: readonly string[];
  /** The candidate behind a `candidate:…` actor, by that actor. */
  readonly candidateActors: ReadonlyMap<string, { readonly name: string; readonly ticket: string }>;
}

const CANDIDATE_ACTOR = 'candidate:';

const ids = (rows: readonly Described[], entity: string): string[] => [
  ...new Set(rows.filter((r) => r.entity === entity).map((r) => r.entity_id)),
];

/** Runs a lookup by keys only when there are keys: `in ()` is not SQL. */
const whenAny = async <T>(keys: readonly string[], lookup: (keys: readonly string[]) => Promise<T[]>): Promise<T[]> =>
  keys.length === 0 ? [] : lookup(keys);

/** `6-31-01-03/5` → `6-31-01-03 五级/初级工`; anything else as it is. */
function bankText(occupation: string, level: string | undefined): string {
  const code = level === undefined ? undefined : parseLevel(level);
  return code === undefined ? [occupation, level].filter(Boolean).join('/') : `${occupation} ${levelLabel(code)}`;
}

/**
 * Names for one page of records, read with one query per kind of entity on the page (a page is at most a few
 * hundred records), the way the room board names its seats (exam/room-log.ts).
 */
export async function describeRecords(db: Executor, rows: readonly Described[]): Promise<RecordWords> {
  const batchIds = ids(rows, 'batch');
  const roomIds = ids(rows, 'room');
  const candidateIds = ids(rows, 'candidate');
  const attemptIds = ids(rows, 'attempt');
  const usernames = ids(rows, 'user');
  const paperIds = ids(rows, 'paper');
  const objectionIds = ids(rows, 'objection');
  // Candidates act as `candidate:<准考证号>`;
  // records written before that was uniform carry `candidate:<candidate id>`
  // for a submission (the trail is never rewritten), so both are looked up.
  const candidateKeys = [
    ...new Set(
      rows.filter((r) => r.actor.startsWith(CANDIDATE_ACTOR)).map((r) => r.actor.slice(CANDIDATE_ACTOR.length)),
    ),
  ];
  const [batches, rooms, candidates, attempts, users, papers, objections, actors] = await Promise.all([
    whenAny(batchIds, (keys) =>
      db.selectFrom('batches').select(['id', 'plan_number', 'name']).where('id', 'in', keys).execute(),
    ),
    whenAny(roomIds, (keys) => db.selectFrom('rooms').select(['id', 'code', 'name']).where('id', 'in', keys).execute()),
    whenAny(candidateIds, (keys) =>
      db.selectFrom('candidates').select(['id', 'ticket', 'name']).where('id', 'in', keys).execute(),
    ),
    whenAny(attemptIds, (keys) =>
      db
        .selectFrom('attempts as a')
        .innerJoin('candidates as c', 'c.id', 'a.candidate_id')
        .select(['a.id', 'c.ticket', 'c.name'])
        .where('a.id', 'in', keys)
        .execute(),
    ),
    whenAny(usernames, (keys) =>
      db.selectFrom('users').select(['username', 'display_name']).where('username', 'in', keys).execute(),
    ),
    whenAny(paperIds, (keys) =>
      db.selectFrom('papers').select(['id', 'form', 'paper_hash']).where('id', 'in', keys).execute(),
    ),
    whenAny(objectionIds, (keys) =>
      db
        .selectFrom('objections as o')
        .leftJoin('candidates as c', 'c.id', 'o.candidate_id')
        .select(['o.id', 'c.ticket', 'c.name'])
        .where('o.id', 'in', keys)
        .execute(),
    ),
    whenAny(candidateKeys, (keys) =>
      db
        .selectFrom('candidates')
        .select(['id', 'ticket', 'name'])
        .where((eb) => eb.or([eb('ticket', 'in', keys), eb('id', 'in', keys)]))
        .execute(),
    ),
  ]);
  const words = new Map<string, string>();
  for (const b of batches) words.set(`batch ${b.id}`, `批次 ${b.plan_number} ${b.name}`);
  for (const r of rooms) words.set(`room ${r.id}`, `考场 ${r.code} ${r.name}`);
  for (const c of candidates) words.set(`candidate ${c.id}`, `考生 ${c.name}（准考证 ${c.ticket}）`);
  for (const a of attempts) words.set(`attempt ${a.id}`, `考生 ${a.name} 的作答（准考证 ${a.ticket}）`);
  for (const u of users) words.set(`user ${u.username}`, `用户 ${u.display_name}（${u.username}）`);
  for (const p of papers) words.set(`paper ${p.id}`, `试卷 ${p.form} 卷（${p.paper_hash.slice(0, 8)}）`);
  for (const o of objections)
    words.set(
      `objection ${o.id}`,
      o.name === null ? `异议 ${o.id.slice(0, 8)}` : `考生 ${o.name} 的异议（准考证 ${o.ticket}）`,
    );
  const subject = (r: Described): string => {
    const known = words.get(`${r.entity} ${r.entity_id}`);
    if (known !== undefined) return known;
    const [occupation = '', level, name] = r.entity_id.split('/');
    if ((r.entity === 'item' || r.entity === 'asset') && name !== undefined)
      return `${auditEntityName(r.entity)} ${name}（${bankText(occupation, level)}）`;
    if ((r.entity === 'bank' || r.entity === 'outline') && level !== undefined)
      return `${auditEntityName(r.entity)} ${bankText(occupation, level)}`;
    return `${auditEntityName(r.entity)} ${r.entity_id}`;
  };
  return {
    subjects: rows.map(subject),
    candidateActors: new Map(
      actors.flatMap((a) =>
        [a.ticket, a.id].map((key) => [`${CANDIDATE_ACTOR}${key}`, { name: a.name, ticket: a.ticket }] as const),
      ),
    ),
  };
}
