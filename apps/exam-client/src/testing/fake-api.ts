import {
  type CandidatePaperView,
  ERROR_MESSAGES,
  type ErrorCode,
  type ItemResponse,
  NO_ACCOMMODATION,
} from '@kaowu/domain/browser';
import {
  ApiError,
  type AnswerSave,
  type AttemptInfo,
  type AttemptState,
  type ClientEvent,
  type ExamApi,
  type LoginInput,
  type LoginResult,
} from '../api/types.ts';
import { paperView } from './paper.ts';

/** A refusal as the server sends it: the code with the domain's default message (apps/server/src/errors.ts). */
const refusal = (code: ErrorCode, status: number) => new ApiError(code, ERROR_MESSAGES[code].zh, status);

/** A small paper for component tests: `perType` items of each type, numbered through. */
export function testPaper(perType = 2): CandidatePaperView {
  return paperView({
    title: '电工（五级/初级工）理论知识考试',
    durationMinutes: 90,
    totalScore: perType * 3,
    candidateKey: 'k',
    codePrefix: 'Q',
    sections: [
      { type: 'true_false', name: '判断题', count: perType, points: 1 },
      { type: 'single', name: '单项选择题', count: perType, points: 1 },
      { type: 'multiple', name: '多项选择题', count: perType, points: 1 },
    ],
    stem: (n) => `第 ${n} 题的题干`,
    options: () => ['甲', '乙', '丙', '丁'],
  });
}

export const TEST_INFO: AttemptInfo = {
  attemptId: 'att-1',
  name: '王伟',
  idNumberMasked: '440308********1009',
  ticket: '202611020101001',
  occupation: '电工',
  level: '五级/初级工',
  room: '第一考场',
  seat: 7,
  durationMinutes: 90,
  form: 'A',
  paperTitle: '电工（五级/初级工）理论知识考试',
  itemCount: 6,
  totalScore: 6,
  rules: [],
  accommodation: NO_ACCOMMODATION,
  hasPhoto: false,
  webcamFrame: false,
};

/**
 * The candidate API in memory, typed by the same contract as `httpApi` (ExamApi's types come from the server's
 * routes), refusing with the server's error codes and their default messages (@kaowu/domain). Switches a test
 * flips: `online` (false = every call fails as if the network were down), `faulty`, `loginError`, `revoked`, and the clock
 * (`now`). Records what the server "stored".
 * As on the server, the clock starts with `start()`: the deadline is then `now` + `durationMs`, unless a test
 * set `deadline` itself; the paper is served only once started.
 */
export class FakeApi implements ExamApi {
  online = true;
  loginError: ApiError | undefined;
  revoked = false;
  submitted = false;
  started = false;
  /** Counts the start requests that reached the server. */
  starts = 0;
  now = Date.parse('2026-11-02T01:00:00Z');
  durationMs = 90 * 60_000;
  deadline: number | undefined;
  /**
   * Time left when the proctor paused (the server's clock stops), or undefined while running.
   * Before the start: the room is paused.
   */
  private frozen: number | undefined;
  readonly stored = new Map<string, { response: ItemResponse; seq: number }>();
  readonly events: ClientEvent[] = [];
  readonly saves: AnswerSave[] = [];
  signedOut = false;

  constructor(readonly paperView: CandidatePaperView = testPaper()) {}

  get paused(): boolean {
    return this.frozen !== undefined;
  }

  /** As the server does: pausing stops the clock, resuming moves the deadline by the pause; watches answer. */
  set paused(on: boolean) {
    if (on && this.frozen === undefined)
      this.frozen = this.started ? Math.max(0, this.runningDeadline() - this.now) : this.durationMs;
    if (!on && this.frozen !== undefined) {
      if (this.started) this.deadline = this.now + this.frozen;
      this.frozen = undefined;
    }
    this.announce();
  }

  /** How the attempt was submitted, once it is (a proctor's 收卷: set it, then `submitted`, then `announce`). */
  submitReason: 'candidate' | 'proctor' | 'expired' = 'candidate';

  /** The word a watch compares, as the server builds it from what a proctor can change. */
  private version(): string {
    return [this.started, this.submitted, this.frozen, this.deadline].join('.');
  }

  private readonly watchers = new Set<() => void>();
  /** Watches open right now (the long polls the client holds). */
  get watching(): number {
    return this.watchers.size;
  }

  /** Answers the open watches, as a proctor's committed action does on the server. */
  announce(): void {
    for (const w of [...this.watchers]) w();
  }

  /** The 换机 request's status as the proctor leaves it: set it, then `announce`. */
  transferStatus = 'pending';

  async transfer(_transferId: string, signal: AbortSignal): Promise<string> {
    if (!this.online) throw new ApiError('network');
    if (this.transferStatus === 'pending')
      await new Promise<void>((resolve) => {
        const done = () => {
          this.watchers.delete(done);
          resolve();
        };
        this.watchers.add(done);
        signal.addEventListener('abort', done, { once: true });
      });
    if (signal.aborted) throw new ApiError('network');
    return this.transferStatus;
  }

  async watch(seen: string, signal: AbortSignal): Promise<string> {
    this.check('watch');
    if (this.version() !== seen) return this.version();
    await new Promise<void>((resolve, reject) => {
      const done = () => {
        this.watchers.delete(done);
        if (signal.aborted) reject(new ApiError('network'));
        else resolve();
      };
      this.watchers.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
    this.check('watch');
    return this.version();
  }

  private runningDeadline(): number {
    return (this.deadline ??= this.now + this.durationMs);
  }

  /**
   * The calls that meet an internal fault on the server: it answers 500 `internal`, which the http client
   * reports as `server` (apps/exam-client/src/api/http.ts).
   */
  readonly faulty = new Set<keyof ExamApi>();

  private check(call: keyof ExamApi): void {
    if (!this.online) throw new ApiError('network');
    if (this.faulty.has(call)) throw new ApiError('server', undefined, 500);
    if (this.revoked) throw refusal('token_revoked', 401);
  }

  async login(_input: LoginInput): Promise<LoginResult> {
    if (!this.online) throw new ApiError('network');
    if (this.faulty.has('login')) throw new ApiError('server', undefined, 500);
    if (this.loginError) throw this.loginError;
    return { token: 't', expiresAt: this.now + 15 * 60_000, attemptId: TEST_INFO.attemptId };
  }

  renewals = 0;

  async renew(): Promise<LoginResult> {
    this.check('renew');
    this.renewals++;
    return { token: 't2', expiresAt: this.now + 15 * 60_000, attemptId: TEST_INFO.attemptId };
  }

  async attempt(): Promise<AttemptInfo> {
    this.check('attempt');
    return TEST_INFO;
  }

  async start(): Promise<AttemptState> {
    this.check('start');
    this.starts++;
    if (!this.started && !this.submitted) {
      this.started = true;
      // Started while the room is paused: the clock waits for the resume.
      if (this.frozen === undefined) this.runningDeadline();
    }
    return this.state();
  }

  async paper(): Promise<CandidatePaperView> {
    this.check('paper');
    if (!this.started) throw refusal('attempt_not_started', 409);
    return this.paperView;
  }

  /** Figures the fake server has, by name. */
  readonly assets = new Map<string, string>();

  /** The roster photo the fake server has (a data: URL), if any. */
  photoUrl: string | undefined;

  /** What the client sent for 开考拍照, in order. */
  readonly frames: ({ blob: Blob } | { outcome: string; reason: string })[] = [];

  async frame(frame: { blob: Blob } | { outcome: 'refused' | 'unavailable'; reason: string }): Promise<void> {
    this.check('frame');
    this.frames.push(frame);
  }

  async photo(): Promise<string> {
    this.check('photo');
    if (this.photoUrl === undefined) throw new ApiError('not_found', '名单中没有您的照片', 404);
    return this.photoUrl;
  }

  async asset(name: string): Promise<string> {
    this.check('asset');
    const url = this.assets.get(name);
    if (url === undefined) throw new ApiError('not_found', `图片 ${name} 不存在`, 404);
    return url;
  }

  async state(): Promise<AttemptState> {
    this.check('state');
    const answers = [...this.stored].map(([item, a]) => ({ item, ...a }));
    if (!this.started && !this.submitted)
      return {
        status: 'not_started',
        paused: this.paused,
        serverTime: this.now,
        deadline: null,
        remainingMs: this.durationMs,
        answers,
        version: this.version(),
      };
    return {
      status: this.submitted ? 'submitted' : 'in_progress',
      paused: this.paused,
      serverTime: this.now,
      deadline: this.paused ? null : this.runningDeadline(),
      remainingMs: this.frozen ?? Math.max(0, this.runningDeadline() - this.now),
      answers,
      version: this.version(),
      ...(this.submitted ? { submitReason: this.submitReason } : {}),
    };
  }

  async save(save: AnswerSave) {
    this.check('save');
    if (!this.started) throw refusal('attempt_not_started', 409);
    if (this.submitted) throw refusal('attempt_submitted', 409);
    // As the server: the clock is stopped, so nothing is stored until the resume.
    if (this.paused) throw refusal('attempt_paused', 409);
    this.saves.push(save);
    const known = this.stored.get(save.item);
    if (known === undefined || save.seq > known.seq)
      this.stored.set(save.item, { response: save.response, seq: save.seq });
    const storedSeq = this.stored.get(save.item)!.seq;
    return { item: save.item, seq: save.seq, storedSeq, superseded: storedSeq > save.seq };
  }

  async report(events: readonly ClientEvent[]): Promise<void> {
    this.check('report');
    this.events.push(...events);
  }

  async submit() {
    this.check('submit');
    this.submitted = true;
    return {
      attemptId: TEST_INFO.attemptId,
      submittedAt: new Date(this.now).toISOString(),
      reason: 'candidate' as const,
    };
  }

  signOut(): void {
    this.signedOut = true;
  }
}
