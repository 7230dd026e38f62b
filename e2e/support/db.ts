import { insertionOrder, readRows } from './target.ts';

export interface DemoCandidate {
  readonly id: string;
  readonly ticket: string;
  readonly idNumber: string;
  readonly name: string;
  readonly seat: number;
  readonly roomId: string;
}

export interface StoredAnswer {
  readonly item: string;
  /** As the candidate gave it (their variant's option order). */
  readonly response: unknown;
  readonly seq: number;
}

export interface StoredAttempt {
  readonly id: string;
  readonly status: string;
  readonly submitReason: string | null;
  readonly deviceId: string;
}

/** The demo's open exam batch (packages/services/src/exam/demo.ts DEMO_PLAN_NUMBER). */
const EXAM_DEMO_PLAN_NUMBER = 'DEMO-6-31-01-03-5';

/** JSON columns are text on both engines; psql's json_agg hands them over as strings too. */
const parsed = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

/**
 * What the server stored, read straight from its database beside the running server (support/target.ts: the
 * SQLite file read-only, or PostgreSQL through psql). The tests compare it with what the candidate did in the browser.
 */
export class ExamDb {
  constructor(private readonly target: string) {}

  candidates(): DemoCandidate[] {
    // The open exam batch only: `kaowu demo` also loads the completed results batch DEMO-2026-001.
    return readRows<DemoCandidate>(
      this.target,
      `select c.id, c.ticket, c.id_number as "idNumber", c.name, c.seat, c.room_id as "roomId"
       from candidates c join batches b on b.id = c.batch_id where b.plan_number = $plan order by c.room_id, c.seat`,
      { plan: EXAM_DEMO_PLAN_NUMBER },
    );
  }

  attempt(ticket: string): StoredAttempt | undefined {
    return readRows<StoredAttempt>(
      this.target,
      `select a.id, a.status, a.submit_reason as "submitReason", a.device_id as "deviceId"
       from attempts a join candidates c on c.id = a.candidate_id where c.ticket = $ticket`,
      { ticket },
    )[0];
  }

  answers(ticket: string): Map<string, StoredAnswer> {
    const rows = readRows<{ item: string; response: unknown; seq: number }>(
      this.target,
      `select x.item_code as item, x.response_json as response, x.seq from answers x
       join attempts a on a.id = x.attempt_id join candidates c on c.id = a.candidate_id where c.ticket = $ticket`,
      { ticket },
    );
    return new Map(rows.map((r) => [r.item, { item: r.item, response: parsed(r.response), seq: Number(r.seq) }]));
  }

  events(ticket: string): { kind: string; detail: Record<string, unknown> }[] {
    const rows = readRows<{ kind: string; detail: unknown }>(
      this.target,
      `select e.kind, e.detail_json as detail from attempt_events e
       join attempts a on a.id = e.attempt_id join candidates c on c.id = a.candidate_id
       where c.ticket = $ticket order by e.at, ${insertionOrder(this.target, 'e')}`,
      { ticket },
    );
    return rows.map((r) => ({ kind: r.kind, detail: parsed(r.detail) as Record<string, unknown> }));
  }

  /** The end of the exam window of a candidate's room (epoch ms). */
  windowEnd(ticket: string): number {
    const [row] = readRows<{ endsAt: string }>(
      this.target,
      `select w.ends_at as "endsAt" from candidates c
       join rooms r on r.id = c.room_id join exam_windows w on w.id = r.window_id where c.ticket = $ticket`,
      { ticket },
    );
    return Date.parse(row!.endsAt);
  }

  /** A proctor assigned to the room (the demo assigns its proctors by room). */
  proctorOf(roomId: string): string {
    const [row] = readRows<{ username: string }>(
      this.target,
      `select username from batch_staff where duty = 'proctor' and room_id in ($room, '') order by username limit 1`,
      { room: roomId },
    );
    return row?.username ?? 'admin';
  }
}
