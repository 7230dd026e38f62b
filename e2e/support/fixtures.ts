import { test as base, expect } from '@playwright/test';
import { ExamDb, type DemoCandidate } from './db.ts';
import { ExamPage } from './exam-page.ts';
import { Proctor } from './proctor.ts';
import { freePort, KaowuServer } from './server.ts';
import { copyOfTemplate, dropTarget } from './target.ts';

export interface Running {
  readonly server: KaowuServer;
  readonly db: ExamDb;
  readonly candidates: readonly DemoCandidate[];
  /** Each test takes candidates of its own: no test sees another's attempt. */
  take(): DemoCandidate;
  proctor(roomId: string): Promise<Proctor>;
  /** Stops the server and deletes its database. */
  dispose(): Promise<void>;
}

/** A server (fresh copy of the demo database, free loopback port) with its candidates, ready for a test. */
export async function startRunning(options: { clockOffsetMs?: number } = {}): Promise<Running> {
  const dbPath = copyOfTemplate();
  const server = new KaowuServer({ dbPath, port: await freePort(), ...options });
  await server.start();
  const db = new ExamDb(dbPath);
  const candidates = db.candidates();
  let next = 0;
  return {
    server,
    db,
    candidates,
    take() {
      const c = candidates[next++];
      if (!c) throw new Error('out of demo candidates: start another server for this test');
      return c;
    },
    proctor: (roomId) => Proctor.signIn(server.url, db.proctorOf(roomId)),
    async dispose() {
      await server.stop();
      dropTarget(dbPath);
    },
  };
}

/**
 * A server of the spec file's own (see `startRunning`): started before the file's first test, disposed of after its
 * last; call at the top of the file, and read the server through the returned function inside tests.
 */
export function runningForFile(): () => Running {
  let running: Running | undefined;
  base.beforeAll(async () => {
    running = await startRunning();
  });
  base.afterAll(async () => {
    await running?.dispose();
  });
  return () => {
    if (!running) throw new Error('the server of this spec file has not started');
    return running;
  };
}

/** A demo candidate of the test's own, with what the server has stored for them. */
export interface Candidate extends DemoCandidate {
  /** Their answers as stored, by item code. */
  storedAnswers(): ReturnType<ExamDb['answers']>;
  events(): ReturnType<ExamDb['events']>;
  attempt(): ReturnType<ExamDb['attempt']>;
  /** The proctor of their room, signed in. */
  proctor(): Promise<Proctor>;
}

interface WorkerFixtures {
  running: Running;
}

interface TestFixtures {
  candidate: Candidate;
  exam: ExamPage;
  /** Fails the test on any Content-Security-Policy violation or uncaught error in a page. */
  pageProblems: string[];
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  running: [
    async ({}, use) => {
      const running = await startRunning();
      await use(running);
      await running.dispose();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  candidate: async ({ running }, use) => {
    const c = running.take();
    await use({
      ...c,
      storedAnswers: () => running.db.answers(c.ticket),
      events: () => running.db.events(c.ticket),
      attempt: () => running.db.attempt(c.ticket),
      proctor: () => running.proctor(c.roomId),
    });
  },
  pageProblems: [
    async ({ context }, use) => {
      const problems: string[] = [];
      const watch = (page: import('@playwright/test').Page) => {
        page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
        page.on('console', (m) => {
          if (/Content[- ]Security[- ]Policy|Refused to (load|execute|apply)/i.test(m.text()))
            problems.push(`CSP: ${m.text()}`);
        });
      };
      context.pages().forEach(watch);
      context.on('page', watch);
      await use(problems);
      expect(problems, 'no CSP violations or page errors').toEqual([]);
    },
    { auto: true },
  ],
  exam: async ({ page, running }, use) => {
    await use(new ExamPage(page, running.server.url));
  },
});

export { expect };
