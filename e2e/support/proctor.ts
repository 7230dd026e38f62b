/** The proctor side, through the server's staff API with a bearer token (what a script would use). */
export interface SeatView {
  readonly seat: number;
  readonly candidateId: string;
  readonly ticket: string;
  readonly status: string;
  readonly answered: number;
  readonly events: number;
  readonly transferId: string | null;
}

export interface RoomView {
  readonly roomId: string;
  readonly seats: readonly SeatView[];
}

export const DEMO_PASSWORD = 'kaowu-demo';

export class Proctor {
  private constructor(
    private readonly base: string,
    private readonly token: string,
  ) {}

  static async signIn(base: string, username: string, password = DEMO_PASSWORD): Promise<Proctor> {
    const res = await fetch(`${base}/api/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!res.ok) throw new Error(`staff login ${username}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { token: string };
    return new Proctor(base, body.token);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}/api${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  room(roomId: string): Promise<RoomView> {
    return this.call('GET', `/rooms/${roomId}`);
  }

  async approveTransfer(transferId: string): Promise<void> {
    await this.call('POST', `/transfers/${transferId}/approve`);
  }

  async closeRoom(roomId: string): Promise<void> {
    await this.call('POST', `/rooms/${roomId}/close`);
  }

  async openRoom(roomId: string): Promise<void> {
    await this.call('POST', `/rooms/${roomId}/open`);
  }

  /** A proctor's action on the room (pause, resume) or on one candidate (pause, resume, submit, extend). */
  async roomAction(roomId: string, action: 'pause' | 'resume'): Promise<void> {
    await this.call('POST', `/rooms/${roomId}/${action}`);
  }

  async candidateAction(candidateId: string, action: 'pause' | 'resume' | 'submit'): Promise<void> {
    await this.call('POST', `/candidates/${candidateId}/${action}`);
  }

  async extendCandidate(candidateId: string, minutes: number): Promise<void> {
    await this.call('POST', `/candidates/${candidateId}/extend`, { minutes });
  }

  /** The live room view (Server-Sent Events), as the console receives it. */
  live(roomId: string): LiveView {
    return new LiveView(`${this.base}/api/rooms/${roomId}/live`, this.token);
  }
}

/** Reads the SSE stream and keeps every room view received, so a test can wait for one that shows something. */
export class LiveView {
  readonly views: RoomView[] = [];
  private readonly abort = new AbortController();
  private readonly listeners = new Set<() => void>();
  readonly ready: Promise<void>;

  constructor(url: string, token: string) {
    this.ready = this.read(url, token);
  }

  private async read(url: string, token: string): Promise<void> {
    const res = await fetch(url, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      signal: this.abort.signal,
    });
    if (!res.ok || res.body === null) throw new Error(`live view: ${res.status}`);
    void this.pump(res.body.pipeThrough(new TextDecoderStream()).getReader());
    await this.waitFor(() => true);
  }

  private async pump(reader: ReadableStreamDefaultReader<string>): Promise<void> {
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const data = buffer
          .slice(0, end)
          .split('\n')
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).trimStart())
          .join('\n');
        buffer = buffer.slice(end + 2);
        if (data === '') continue;
        this.views.push(JSON.parse(data) as RoomView);
        for (const l of this.listeners) l();
      }
    }
  }

  /** Resolves with the first view (received from now on, or already) that satisfies `test`. */
  waitFor(test: (view: RoomView) => boolean, timeoutMs = 15_000): Promise<RoomView> {
    const found = this.views.find(test);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(
          new Error(`live view: nothing matched within ${timeoutMs} ms (last: ${JSON.stringify(this.views.at(-1))})`),
        );
      }, timeoutMs);
      const check = () => {
        const view = this.views.at(-1);
        if (view && test(view)) {
          clearTimeout(timer);
          this.listeners.delete(check);
          resolve(view);
        }
      };
      this.listeners.add(check);
    });
  }

  seat(view: RoomView, ticket: string): SeatView {
    const seat = view.seats.find((s) => s.ticket === ticket);
    if (!seat) throw new Error(`no seat for ${ticket}`);
    return seat;
  }

  close(): void {
    this.abort.abort();
  }
}
