import { chinaTime } from '@kaowu/domain/browser';
import { createResource, createSignal, For, Show } from 'solid-js';
import { client, messageOf, ok } from '../../api.ts';
import { ErrorTable } from '../../components/ErrorTable.tsx';
import { Grid } from '../../components/Grid.tsx';
import { Notice } from '../../components/Notice.tsx';
import { createAction } from '../../components/run.ts';
import type { BatchView } from '../../contract.ts';
import { mayInBatch } from '../../permissions.ts';
import { me } from '../../session.ts';
import type { PracticalSheetView } from './types.ts';

/**
 * 实操考评表: a room's sheets printed in one go (photo, criteria, score column, signature lines, QR of the sheet's
 * id); scores typed criterion by criterion from a filled-in sheet, the total computed as you type and entered as
 * that assessor's score (so panel and double-entry rules apply); the assessor signs off their own sheet.
 */
export function PracticalSheetsPanel(props: { batch: BatchView }) {
  const route = client.batches[':batchId']['practical-sheets'];
  const [room, setRoom] = createSignal('');
  const [version, setVersion] = createSignal(0);
  const [sheets] = createResource(
    () => [props.batch.id, room(), version()] as const,
    async ([batchId, roomId]) => {
      try {
        const query = roomId ? { room: roomId } : {};
        return { ok: true as const, sheets: await ok(route.$get({ param: { batchId }, query })) };
      } catch (e) {
        return { ok: false as const, message: messageOf(e) };
      }
    },
  );
  const list = () => (sheets.latest?.ok ? sheets.latest.sheets : undefined);
  const failure = () => (sheets.latest && !sheets.latest.ok ? sheets.latest.message : undefined);
  const [selected, setSelected] = createSignal<string>();
  const canEnter = () => mayInBatch('results.write', props.batch);
  const printHref = () =>
    `/api/batches/${encodeURIComponent(props.batch.id)}/practical-sheets/print${room() ? `?room=${encodeURIComponent(room())}` : ''}`;

  return (
    <section class="panel" aria-label="实操考评表">
      <h3>实操考评表</h3>
      <div class="row">
        <label>
          考场
          <select value={room()} onChange={(e) => setRoom(e.currentTarget.value)}>
            <option value="">全部考场</option>
            <For each={props.batch.rooms}>
              {(r) => (
                <option value={r.id}>
                  {r.code} {r.name}
                </option>
              )}
            </For>
          </select>
        </label>
        <Show when={list()}>
          <a href={printHref()} target="_blank" rel="noopener">
            {room() ? '打印本考场的考评表' : '打印全部考评表'}
          </a>
        </Show>
      </div>
      <Show when={failure()}>{(m) => <p class="hint">{m()}</p>}</Show>
      <Show when={list()}>
        {(all) => (
          <div class="scroll">
            <Grid
              label="考评表"
              columns={['考评表编号', '考场', '准考证号', '姓名', '模块', '考评员', '签字', '']}
              rows={all()}
            >
              {(s) => (
                <tr classList={{ selected: s.id === selected() }}>
                  <td class="mono">{s.id}</td>
                  <td>{s.room.code}</td>
                  <td>{s.candidate.ticket}</td>
                  <td>{s.candidate.name}</td>
                  <td>{s.component.name}</td>
                  <td>{s.assessor.name}</td>
                  <td>{s.signedAt ? `已签字（${chinaTime(s.signedAt)}）` : '未签字'}</td>
                  <td>
                    <button type="button" onClick={() => setSelected(s.id)}>
                      {canEnter() ? '录入' : '查看'}
                    </button>
                  </td>
                </tr>
              )}
            </Grid>
          </div>
        )}
      </Show>
      {/* Keyed by the sheet's id only: a reload after an entry or a signature keeps the form and its message. */}
      <Show when={selected()} keyed>
        {(id) => (
          <Show when={list()?.find((s) => s.id === id)}>
            {(s) => (
              <SheetEntry
                batchId={props.batch.id}
                sheet={s()}
                canEnter={canEnter()}
                onDone={() => setVersion(version() + 1)}
              />
            )}
          </Show>
        )}
      </Show>
    </section>
  );
}

/** One sheet typed in criterion by criterion, with the running total; the sheet's own assessor signs it off. */
function SheetEntry(props: { batchId: string; sheet: PracticalSheetView; canEnter: boolean; onDone: () => void }) {
  const route = client.batches[':batchId']['practical-sheets'];
  const [values, setValues] = createSignal<Record<string, string>>({});
  const [absent, setAbsent] = createSignal(false);
  const action = createAction();
  const given = (code: string): number | undefined => {
    const v = values()[code]?.trim();
    return v ? Number(v) : undefined;
  };
  const unscored = () => props.sheet.criteria.filter((c) => given(c.code) === undefined).length;
  // The running sum as typed; the server checks each criterion's range and half points, and names any problem.
  const total = () => props.sheet.criteria.reduce((sum, c) => sum + (given(c.code) ?? 0), 0);
  const enter = () =>
    void action.run(
      async () => {
        const scores = absent()
          ? ('absent' as const)
          : Object.fromEntries(
              props.sheet.criteria.flatMap((c) => ((n) => (n === undefined ? [] : [[c.code, n]]))(given(c.code))),
            );
        const done = await ok(
          route.scores.$post({ param: { batchId: props.batchId }, json: { sheetId: props.sheet.id, scores } }),
        );
        props.onDone();
        return done;
      },
      (d) => `考评表 ${d.sheetId} 已录入：${d.total === 'absent' ? '缺考' : `合计 ${d.total} 分`}`,
    );
  const sign = () =>
    void action.run(
      async () => {
        if (!window.confirm(`签字确认考评表 ${props.sheet.id}？签字记录您确认的合计分数。`)) return undefined;
        const done = await ok(
          route.sign[':sheetId'].$post({ param: { batchId: props.batchId, sheetId: props.sheet.id } }),
        );
        props.onDone();
        return done;
      },
      (d) => d && `已签字：考评表 ${d.sheetId}，合计 ${d.total} 分`,
    );
  return (
    <section class="panel" aria-label={`考评表 ${props.sheet.id}`}>
      <h4>
        考评表 {props.sheet.id}：{props.sheet.candidate.ticket} {props.sheet.candidate.name} ·{' '}
        {props.sheet.component.name} · 考评员 {props.sheet.assessor.name}
      </h4>
      <Grid label="考评细则" columns={['考评细则', '配分', '得分']} rows={props.sheet.criteria}>
        {(c) => (
          <tr>
            <td>{c.name}</td>
            <td>{c.points}</td>
            <td>
              <input
                class="score"
                inputmode="decimal"
                aria-label={`${c.name}得分`}
                disabled={!props.canEnter || absent()}
                value={values()[c.code] ?? ''}
                onInput={(e) => setValues({ ...values(), [c.code]: e.currentTarget.value })}
              />
            </td>
          </tr>
        )}
      </Grid>
      <p>
        合计 <output aria-label="考评表合计">{absent() ? '缺考' : total()}</output> 分
        <Show when={!absent() && unscored() > 0}>（还有 {unscored()} 项未评分）</Show>
      </p>
      <div class="row">
        <Show when={props.canEnter}>
          <label class="inline">
            <input type="checkbox" checked={absent()} onChange={(e) => setAbsent(e.currentTarget.checked)} />
            缺考
          </label>
          <button type="button" class="primary" disabled={action.busy()} onClick={enter}>
            录入成绩
          </button>
        </Show>
        <Show when={props.sheet.assessor.id === me()?.username && !props.sheet.signedAt}>
          <button type="button" disabled={action.busy()} onClick={sign}>
            考评员签字
          </button>
        </Show>
      </div>
      <Notice ok={action.ok()} error={action.error()} />
      <ErrorTable problems={action.problems()} caption="考评表的问题" />
    </section>
  );
}
