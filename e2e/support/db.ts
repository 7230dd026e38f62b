import Database from 'better-sqlite3';

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

/**
 * What the server stored, read straight from its SQLite file (read-only, beside the running server: WAL lets
 * a reader in while it writes). The tests compare it with what the candidate did in the browser.
 */
/** The demo's open exam batch (packages/services/src/exam/demo.ts DEMO_PLAN_NUMBER). */
const EXAM_DEMO_PLAN_NUMBER = 'DEMO-6-31-01-03-5';

export class ExamDb {
  constructor(private readonly path: string) {}

  private read<T>(run: (db: Database.Database) => T): T {
    const db = new Database(this.path, { readonly: true, fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      return run(db);
    } finally {
      db.close();
    }
  }

  candidates(): DemoCandidate[] {
    return this.read(
      (db) =>
        // The open exam batch only: `kaowu demo` also loads the completed results batch DEMO-2026-001.
        db
          .prepare(
            `select c.id, c.ticket, c.id_number as idNumber, c.name, c.seat, c.room_id as roomId
           from candidates c join batches b on b.id = c.batch_id where b.plan_number = ? order by c.room_id, c.seat`,
          )
          .all(EXAM_DEMO_PLAN_NUMBER) as DemoCandidate[],
    );
  }

  attempt(ticket: string): StoredAttempt | undefined {
    return this.read(
      (db) =>
        db
          .prepare(
            `select a.id, a.status, a.submit_reason as submitReason, a.device_id as deviceId
             from attempts a join candidates c on c.id = a.candidate_id where c.ticket = ?`,
          )
          .get(ticket) as StoredAttempt | undefined,
    );
  }

  answers(ticket: string): Map<string, StoredAnswer> {
    const rows = this.read(
      (db) =>
        db
          .prepare(
            `select x.item_code as item, x.response_json as response, x.seq from answers x
             join attempts a on a.id = x.attempt_id join candidates c on c.id = a.candidate_id where c.ticket = ?`,
          )
          .all(ticket) as { item: string; response: string; seq: number }[],
    );
    return new Map(
      rows.map((r) => [r.item, { item: r.item, response: JSON.parse(r.response) as unknown, seq: r.seq }]),
    );
  }

  events(ticket: string): { kind: string; detail: Record<string, unknown> }[] {
    const rows = this.read(
      (db) =>
        db
          .prepare(
            `select e.kind, e.detail_json as detail from attempt_events e
             join attempts a on a.id = e.attempt_id join candidates c on c.id = a.candidate_id
             where c.ticket = ? order by e.at, e.rowid`,
          )
          .all(ticket) as { kind: string; detail: string }[],
    );
    return rows.map((r) => ({ kind: r.kind, detail: JSON.parse(r.detail) as Record<string, unknown> }));
  }

  /** The end of the exam window of a candidate's room (epoch ms). */
  windowEnd(ticket: string): number {
    const row = this.read(
      (db) =>
        db
          .prepare(
            `select w.ends_at as endsAt from candidates c
             join rooms r on r.id = c.room_id join exam_windows w on w.id = r.window_id where c.ticket = ?`,
          )
          .get(ticket) as { endsAt: string },
    );
    return Date.parse(row.endsAt);
  }

  /** A proctor assigned to the room (the demo assigns its proctors by room). */
  proctorOf(roomId: string): string {
    const row = this.read(
      (db) =>
        db
          .prepare(
            `select username from batch_staff where duty = 'proctor' and room_id in (?, '') order by username limit 1`,
          )
          .get(roomId) as { username: string } | undefined,
    );
    return row?.username ?? 'admin';
  }
}
