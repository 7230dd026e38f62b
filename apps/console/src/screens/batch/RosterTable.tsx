import { createMemo, createResource, createSignal, Show } from 'solid-js';
import '../room/realname.css';
import { client, ok } from '../../api.ts';
import { ErrorTable } from '../../components/ErrorTable.tsx';
import { Grid } from '../../components/Grid.tsx';
import { loaded } from '../../components/resource.ts';
import { Notice } from '../../components/Notice.tsx';
import { createAction } from '../../components/run.ts';
import type { RosterLine } from '../../contract.ts';
import { AccommodationForm, PhotoUpload } from './roster-actions.tsx';

/** Whether a line matches the search box: name, ticket, ID number, unit, room-seat, status, 核验 or 便利安排. */
export const matches = (l: RosterLine, query: string): boolean => {
  const q = query.trim();
  if (q === '') return true;
  return [
    l.name,
    l.ticket,
    l.idNumber,
    l.unit,
    `${l.room}-${l.seat}`,
    l.statusName,
    l.identityName,
    l.accommodation,
  ].some((t) => t.includes(q));
};

/**
 * The batch's one roster table: seat, form, where each stands, the photo, the proctor's 实名核验 and the
 * 便利安排, searchable as one types. Whoever manages the batch (batch.manage in the permission table: every
 * action here is checked by the server against it) corrects a line, uploads a photo or sets an accommodation in
 * place, each change audited. A photo column appears once any candidate has one.
 */
export function RosterTable(props: {
  batchId: string;
  /** batch.manage and rosterLinesOpen: the server refuses every row action after the exam (roster_closed). */
  canEdit: boolean;
  /** The exam is over: the lines read as the candidates sat, and the table says so. */
  closed?: boolean;
  version?: unknown;
}) {
  const [roster, { refetch, mutate }] = createResource(
    () => ({ batchId: props.batchId, version: props.version }),
    (p) => ok(client.batches[':batchId'].candidates.$get({ param: { batchId: p.batchId } })),
  );
  const [query, setQuery] = createSignal('');
  const shown = createMemo(() => (loaded(roster) ?? []).filter((l) => matches(l, query())));
  const withPhotos = () => (loaded(roster) ?? []).some((l) => l.photo);
  const [editing, setEditing] = createSignal<string>();
  const [arranging, setArranging] = createSignal<string>();
  // Photo and accommodation changes: one message line for the table, the roster read again after each.
  const action = createAction();
  const run = (work: () => Promise<unknown>, done: string) =>
    void action.run(
      async () => {
        await work();
        setArranging(undefined);
        await refetch();
      },
      () => done,
    );
  const columns = () => [
    ...(withPhotos() ? ['照片'] : []),
    '考场',
    '座位',
    '卷别',
    '准考证号',
    '姓名',
    '身份证号',
    '所在单位',
    '状态',
    '实名核验',
    '便利安排',
    ...(props.canEdit ? [''] : []),
  ];
  return (
    <section class="panel roster" aria-label="考生列表">
      <header class="row">
        <h3>考生列表</h3>
        <input
          type="search"
          aria-label="查找考生"
          placeholder="姓名、准考证号、身份证号、单位或状态"
          value={query()}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
        <span class="hint" role="status" aria-label="考生人数">
          {query().trim() === ''
            ? `共 ${loaded(roster)?.length ?? 0} 人`
            : `找到 ${shown().length} 人（共 ${loaded(roster)?.length ?? 0} 人）`}
        </span>
      </header>
      <Show when={props.closed}>
        <p class="hint">本批次考试已结束，考生信息、照片和便利安排按考试时的记录保留，不再更改。</p>
      </Show>
      <Notice error={roster.error} retry={() => void refetch()} />
      <Notice ok={action.ok()} error={action.error()} />
      <ErrorTable problems={action.problems()} caption="照片中的错误（未保存）" />
      <div class="scroll">
        <Grid
          label="考生列表"
          columns={columns()}
          rows={shown()}
          empty={query().trim() === '' ? '本批次还没有考生，请导入名单。' : '没有找到符合条件的考生。'}
        >
          {(l) => (
            <Show
              when={editing() === l.candidateId}
              fallback={
                <>
                  <tr data-ticket={l.ticket}>
                    <Show when={withPhotos()}>
                      <td>
                        <Show when={l.photo}>{(src) => <img class="photo" src={src()} alt={`${l.name}的照片`} />}</Show>
                      </td>
                    </Show>
                    <td>{l.room}</td>
                    <td class="num">{l.seat}</td>
                    <td>{l.form ?? '—'}</td>
                    <td>{l.ticket}</td>
                    <td>{l.name}</td>
                    <td>{l.idNumber}</td>
                    <td>{l.unit}</td>
                    <td>{l.statusName}</td>
                    <td classList={{ 'warn-text': l.identity === 'mismatch' }}>{l.identityName}</td>
                    <td>{l.accommodation || '—'}</td>
                    <Show when={props.canEdit}>
                      <td class="row-actions">
                        <button type="button" aria-label={`修改 ${l.name}`} onClick={() => setEditing(l.candidateId)}>
                          修改
                        </button>
                        <PhotoUpload line={l} run={run} />
                        <button
                          type="button"
                          aria-label={`${l.name} 的便利安排`}
                          aria-expanded={arranging() === l.candidateId}
                          onClick={() => setArranging(arranging() === l.candidateId ? undefined : l.candidateId)}
                        >
                          便利安排
                        </button>
                      </td>
                    </Show>
                  </tr>
                  <Show when={arranging() === l.candidateId}>
                    <tr class="arranging">
                      <td colspan={columns().length}>
                        <AccommodationForm line={l} run={run} />
                      </td>
                    </tr>
                  </Show>
                </>
              }
            >
              <EditRow
                batchId={props.batchId}
                line={l}
                photos={withPhotos()}
                onDone={(saved) => {
                  if (saved) mutate((all) => all?.map((x) => (x.candidateId === saved.candidateId ? saved : x)) ?? all);
                  setEditing(undefined);
                }}
              />
            </Show>
          )}
        </Grid>
      </div>
    </section>
  );
}

/** One line being corrected: the fields say what is wrong only once touched; the server's refusal shows below. */
function EditRow(props: {
  batchId: string;
  line: RosterLine;
  photos: boolean;
  onDone: (saved: RosterLine | undefined) => void;
}) {
  const [name, setName] = createSignal(props.line.name);
  const [unit, setUnit] = createSignal(props.line.unit);
  const [seat, setSeat] = createSignal(String(props.line.seat));
  const [touched, setTouched] = createSignal<ReadonlySet<string>>(new Set());
  const touch = (field: string) => setTouched(new Set([...touched(), field]));
  const nameProblem = () => (name().trim() === '' ? '姓名不能为空' : undefined);
  const seatProblem = () => (/^[1-9]\d*$/.test(seat().trim()) ? undefined : '座位号应为正整数');
  const action = createAction();
  const save = () =>
    void action
      .run(
        async () => {
          const l = props.line;
          const edit = {
            ...(name().trim() !== l.name ? { name: name().trim() } : {}),
            ...(unit().trim() !== l.unit ? { unit: unit().trim() } : {}),
            ...(Number(seat()) !== l.seat ? { seat: Number(seat()) } : {}),
          };
          if (Object.keys(edit).length === 0) return undefined;
          return ok(
            client.batches[':batchId'].candidates[':candidateId'].$patch({
              param: { batchId: props.batchId, candidateId: l.candidateId },
              json: edit,
            }),
          );
        },
        () => undefined,
      )
      .then((saved) => {
        if (!action.error()) props.onDone(saved ?? undefined);
      });
  return (
    <>
      <tr class="editing">
        <Show when={props.photos}>
          <td />
        </Show>
        <td>{props.line.room}</td>
        <td>
          <input
            class="seat"
            aria-label="座位号"
            inputmode="numeric"
            value={seat()}
            onInput={(e) => setSeat(e.currentTarget.value)}
            onBlur={() => touch('seat')}
          />
          <Show when={touched().has('seat') && seatProblem()}>{(p) => <span class="field-error">{p()}</span>}</Show>
        </td>
        <td>{props.line.form ?? '—'}</td>
        <td>{props.line.ticket}</td>
        <td>
          <input
            aria-label="姓名"
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
            onBlur={() => touch('name')}
          />
          <Show when={touched().has('name') && nameProblem()}>{(p) => <span class="field-error">{p()}</span>}</Show>
        </td>
        <td>{props.line.idNumber}</td>
        <td>
          <input aria-label="所在单位" value={unit()} onInput={(e) => setUnit(e.currentTarget.value)} />
        </td>
        <td>{props.line.statusName}</td>
        <td>{props.line.identityName}</td>
        <td>{props.line.accommodation || '—'}</td>
        <td>
          <button
            type="button"
            class="primary"
            disabled={action.busy() || nameProblem() !== undefined || seatProblem() !== undefined}
            onClick={save}
          >
            保存
          </button>{' '}
          <button type="button" onClick={() => props.onDone(undefined)}>
            取消
          </button>
        </td>
      </tr>
      <Show when={action.error()}>
        <tr>
          <td colspan={props.photos ? 12 : 11}>
            <Notice error={action.error()} />
          </td>
        </tr>
      </Show>
    </>
  );
}
