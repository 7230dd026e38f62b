import { chinaTime, OBJECTION_OUTCOME_NAMES, type ObjectionOutcome } from '@kaowu/domain/browser';
import { createSignal, type JSX, Show } from 'solid-js';
import { Field } from './Field.tsx';
import { Grid } from './Grid.tsx';
import type { createAction } from './run.ts';

/**
 * What the two public notices share on screen (结果公示 on the results page, 名单公示 on the exam-day page): the
 * window line, and the objections received within it with the committee's handling. Each panel says what is
 * published, which routes it calls and what the window holds back.
 */

export interface NoticeWindowLine {
  readonly publishedOn: string;
  readonly window: { readonly firstDay: string; readonly lastDay: string; readonly days: readonly string[] };
}

/** 公示日期 …；公示期 … 至 …（N 个工作日）, then the panel's own words (default 。). */
export function NoticeWindow(props: { notice: NoticeWindowLine; testId?: string; children?: JSX.Element }) {
  return (
    <p>
      公示日期 {props.notice.publishedOn}；公示期{' '}
      <strong data-testid={props.testId}>
        {props.notice.window.firstDay} 至 {props.notice.window.lastDay}
      </strong>
      （{props.notice.window.days.length} 个工作日）{props.children ?? '。'}
    </p>
  );
}

export interface ObjectionLine {
  readonly id: string;
  readonly raisedAt: string;
  readonly ticket: string | null;
  readonly text: string;
  readonly resolution?:
    | { readonly outcome: ObjectionOutcome; readonly note: string; readonly by: string; readonly at: string }
    | undefined;
}

/**
 * The objections grid: each open one with a note and 不成立/成立 for whoever may act, each handled one with its
 * outcome; below it, the form to record one while the window allows. Every change goes through the panel's action.
 */
export function Objections(props: {
  label: string;
  objections: readonly ObjectionLine[];
  /** May handle objections (else an open one reads 待处理). */
  canResolve: boolean;
  /** May record one now (the window allows it). */
  canRecord: boolean;
  action: ReturnType<typeof createAction>;
  record: (input: { text: string; ticket?: string }) => Promise<unknown>;
  resolve: (id: string, input: { outcome: ObjectionOutcome; note: string }) => Promise<unknown>;
  /** What to say once handled; default 异议已处理. */
  resolved?: (outcome: ObjectionOutcome) => string;
}) {
  const [ticket, setTicket] = createSignal('');
  const [text, setText] = createSignal('');
  const [notes, setNotes] = createSignal<Record<string, string>>({});
  const record = () =>
    void props.action.run(
      async () => {
        await props.record({ text: text(), ...(ticket().trim() ? { ticket: ticket().trim() } : {}) });
        setText('');
        setTicket('');
      },
      () => '异议已登记',
    );
  const resolve = (id: string, outcome: ObjectionOutcome) =>
    void props.action.run(
      async () => {
        if (!window.confirm(`确定将此异议处理为“${OBJECTION_OUTCOME_NAMES[outcome]}”？`)) return false;
        await props.resolve(id, { outcome, note: notes()[id] ?? '' });
        return true;
      },
      (done) => (done ? (props.resolved?.(outcome) ?? '异议已处理') : undefined),
    );
  return (
    <>
      <Grid
        label={props.label}
        columns={['提出时间', '准考证号', '内容', '处理']}
        rows={props.objections}
        empty="暂无异议"
      >
        {(o) => (
          <tr>
            <td>{chinaTime(o.raisedAt)}</td>
            <td>{o.ticket ?? ''}</td>
            <td>{o.text}</td>
            <td>
              <Show
                when={o.resolution}
                fallback={
                  props.canResolve ? (
                    <span class="row">
                      <input
                        aria-label={`处理意见 ${o.id}`}
                        placeholder="处理意见"
                        value={notes()[o.id] ?? ''}
                        onInput={(e) => setNotes({ ...notes(), [o.id]: e.currentTarget.value })}
                      />
                      <button type="button" disabled={props.action.busy()} onClick={() => resolve(o.id, 'dismissed')}>
                        不成立
                      </button>
                      <button type="button" disabled={props.action.busy()} onClick={() => resolve(o.id, 'upheld')}>
                        成立
                      </button>
                    </span>
                  ) : (
                    <span class="hint">待处理</span>
                  )
                }
              >
                {(r) => (
                  <>
                    {OBJECTION_OUTCOME_NAMES[r().outcome]}：{r().note}（{r().by}，{chinaTime(r().at)}）
                  </>
                )}
              </Show>
            </td>
          </tr>
        )}
      </Grid>
      <Show when={props.canRecord}>
        <div class="row">
          <Field label="准考证号（可空）" value={ticket()} onValue={setTicket} />
          <Field label="异议内容" value={text()} onValue={setText} />
          <button type="button" disabled={props.action.busy() || text().trim() === ''} onClick={record}>
            登记异议
          </button>
        </div>
      </Show>
    </>
  );
}
