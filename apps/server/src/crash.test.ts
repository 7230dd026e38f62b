import { openDatabase } from '@kaowu/db';
import { describe, expect, it } from 'vitest';
import { candidateLogin, client, seedFile, spawnServer, staffToken, tempDb } from './testing/harness.ts';

const ENV = { KAOWU_LOGIN_LIMIT_PER_ADDRESS: '10000' };

describe('durability', () => {
  // After a restart every acknowledged answer and every deadline is intact.
  it('SIGKILL while 50 candidates are saving loses no acknowledged answer or deadline', async () => {
    const dbPath = tempDb();
    const exam = await seedFile(dbPath, null, { rooms: [50], forms: 2, perType: 10 });
    const first = await spawnServer(dbPath, ENV);
    const api = client(first.url);
    const sessions = await Promise.all(exam.candidates.map((c) => candidateLogin(api, c)));
    const deadlines = new Map<string, string>();
    const items = new Map<string, string[]>();
    for (const s of sessions) {
      deadlines.set(
        s.attemptId,
        (await api.get(`/api/attempts/${s.attemptId}/state`, { token: s.token })).body.deadline,
      );
      const paper = (await api.get(`/api/attempts/${s.attemptId}/paper`, { token: s.token })).body;
      items.set(
        s.attemptId,
        paper.sections
          .filter((x: { type: string }) => x.type === 'true_false')
          .flatMap((x: { items: { code: string }[] }) => x.items.map((i) => i.code)),
      );
    }
    // Every candidate saves as fast as the server acknowledges; an answer counts once its 200 arrives.
    const acked = new Map<string, Map<string, { seq: number; response: boolean }>>();
    let stop = false;
    let total = 0;
    const loops = sessions.map(async (s) => {
      const mine = new Map<string, { seq: number; response: boolean }>();
      acked.set(s.attemptId, mine);
      const codes = items.get(s.attemptId)!;
      for (let seq = 1; !stop; seq++) {
        const item = codes[seq % codes.length]!;
        const response = seq % 3 === 0;
        try {
          const r = await fetch(`${first.url}/api/attempts/${s.attemptId}/answers`, {
            method: 'POST',
            headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ item, response, seq }),
          });
          if (r.status !== 200) break;
          await r.json();
          mine.set(item, { seq, response });
          total++;
        } catch {
          break; // the server is gone
        }
      }
    });
    await new Promise((r) => setTimeout(r, 1500));
    first.child.kill('SIGKILL');
    stop = true;
    await Promise.all(loops);
    await first.exited;
    expect(total).toBeGreaterThan(200);

    const second = await spawnServer(dbPath, ENV);
    const again = client(second.url);
    let checked = 0;
    for (const c of exam.candidates) {
      const s = await candidateLogin(again, c); // same device: resumes
      const state = (await again.get(`/api/attempts/${s.attemptId}/state`, { token: s.token })).body;
      expect(state.deadline).toBe(deadlines.get(s.attemptId));
      const stored = new Map<string, { seq: number; response: boolean }>(
        state.answers.map((a: { item: string; seq: number; response: boolean }) => [a.item, a]),
      );
      for (const [item, ack] of acked.get(s.attemptId)!) {
        const held = stored.get(item);
        expect(held, `${c.ticket} ${item}`).toBeDefined();
        expect(held!.seq).toBeGreaterThanOrEqual(ack.seq);
        if (held!.seq === ack.seq) expect(held!.response).toBe(ack.response);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
    second.child.kill('SIGTERM');
    await second.exited;
  });

  // Right after the restart, and as of its deadline.
  it('submits an attempt that expired while the server was down', async () => {
    const dbPath = tempDb();
    const exam = await seedFile(dbPath, null, { rooms: [2], durationMinutes: 60 });
    const first = await spawnServer(dbPath, ENV);
    const api = client(first.url);
    const s = await candidateLogin(api, exam.candidates[0]!);
    await api.post(
      `/api/attempts/${s.attemptId}/answers`,
      { item: 'Q001', response: true, seq: 1 },
      { token: s.token },
    );
    const deadline = (await api.get(`/api/attempts/${s.attemptId}/state`, { token: s.token })).body.deadline;
    first.child.kill('SIGKILL');
    await first.exited;
    // Two hours later (the clock is shifted for the test): the attempt is past its deadline.
    const second = await spawnServer(dbPath, { ...ENV, KAOWU_CLOCK_OFFSET_MS: String(2 * 3600_000) });
    const again = client(second.url);
    const proctor = await staffToken(again, 'proctor_a');
    const view = (await again.get(`/api/rooms/${exam.rooms[0]!.id}`, { token: proctor })).body;
    const seat = view.seats.find((x: { candidateId: string }) => x.candidateId === exam.candidates[0]!.id);
    expect(seat).toMatchObject({ status: 'submitted', answered: 1, deadline });
    const relogin = await again.post('/api/attempts', {
      ticket: exam.candidates[0]!.ticket,
      idNumber: exam.candidates[0]!.idNumber,
      deviceId: `device-${exam.candidates[0]!.ticket}`,
    });
    expect(relogin.body.error.code).toBe('attempt_submitted');
    second.child.kill('SIGTERM');
    await second.exited;
    const db = await openDatabase(dbPath);
    const row = await db
      .selectFrom('attempts')
      .select(['submitted_at', 'submit_reason', 'submitted_by', 'score'])
      .where('id', '=', s.attemptId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      submitted_at: deadline,
      submit_reason: 'expired',
      submitted_by: 'system',
      score: expect.any(Number),
    });
    await db.destroy();
  });
});
