import { FILING_STATE_NAMES } from '@kaowu/domain/browser';
import { createResource, createSignal, Show } from 'solid-js';
import { client, download, ok } from '../../api.ts';
import { Grid } from '../../components/Grid.tsx';
import { Notice } from '../../components/Notice.tsx';
import { createAction } from '../../components/run.ts';

/**
 * The batch's filing timeline (备案时间表): each step's rule and due date in Chinese working days under the
 * region's document, done (when, by whom), late or overdue; an administrator records a filing, downloads the
 * archive package (归档).
 */
export function TimelinePanel(props: { batchId: string; canAct: boolean }) {
  const route = client.batches[':batchId'].timeline;
  const param = () => ({ batchId: props.batchId });
  const [timeline, { mutate, refetch }] = createResource(
    () => props.batchId,
    () => ok(route.$get({ param: param() })),
  );
  const action = createAction();
  const [on, setOn] = createSignal('');
  const mark = (step: 'plan_filed' | 'results_filed', name: string) =>
    void action.run(
      async () => {
        const next = await ok(
          route[':step'].$post({ param: { ...param(), step }, json: on() === '' ? {} : { on: on() } }),
        );
        mutate(next);
        return next;
      },
      () => `已登记${name}`,
    );
  const filing = (file: 'summary' | 'certificates' | 'upload', name: string, format: 'xlsx' | 'pdf' = 'xlsx') =>
    void action.run(
      () =>
        download(
          `${client.batches[':batchId'].filing[':file'].$path({ param: { ...param(), file } })}?format=${format}`,
          format === 'pdf' ? name.replace(/\.xlsx$/, '.pdf') : name,
        ),
      () => `已导出${format === 'pdf' ? name.replace(/\.xlsx$/, '.pdf') : name}`,
    );
  const archive = () =>
    void action.run(
      () => download(client.batches[':batchId'].archive.$path({ param: param() }), '归档.zip'),
      () => '归档包已生成并下载（含 manifest.json：每个文件的 SHA-256、审计链头、保存期限）',
    );
  return (
    <section aria-label="备案时间表" class="timeline">
      <Show when={timeline.error}>
        <Notice error={timeline.error} retry={() => void refetch()} />
      </Show>
      <Show when={timeline.latest}>
        {(t) => (
          <>
            <p class="hint">
              考试 {t().examFirstDay}
              {t().examLastDay === t().examFirstDay ? '' : ` 至 ${t().examLastDay}`} · 期限依据：{t().regionName}（
              {t().source}），按法定工作日计算（含调休）
            </p>
            <Grid
              columns={['步骤', '要求', '期限', '状态', '完成日期', '经办人', '']}
              rows={t().steps}
              label="备案步骤"
            >
              {(s) => (
                <tr data-testid={`step-${s.step}`} class={`filing-${s.state}`}>
                  <td>{s.name}</td>
                  <td>{s.rule}</td>
                  <td>
                    {s.dueOn ?? '—'}
                    {s.estimated ? '（预计）' : ''}
                  </td>
                  <td>{FILING_STATE_NAMES[s.state]}</td>
                  <td>{s.done?.on ?? ''}</td>
                  <td>{s.done?.by ?? ''}</td>
                  <td>
                    <Show
                      when={props.canAct && s.done === null && (s.step === 'plan_filed' || s.step === 'results_filed')}
                    >
                      <button
                        type="button"
                        disabled={action.busy()}
                        onClick={() => mark(s.step as 'plan_filed' | 'results_filed', s.name)}
                      >
                        登记已备案
                      </button>
                    </Show>
                  </td>
                </tr>
              )}
            </Grid>
            <Show when={props.canAct}>
              <p class="row">
                <label>
                  备案日期（默认今天）
                  <input type="date" value={on()} onInput={(e) => setOn(e.currentTarget.value)} />
                </label>
                <button type="button" disabled={action.busy()} onClick={() => filing('summary', '结果汇总表.xlsx')}>
                  结果汇总表
                </button>
                <button
                  type="button"
                  disabled={action.busy()}
                  onClick={() => filing('summary', '结果汇总表.xlsx', 'pdf')}
                  title="结果汇总表（PDF 打印版）"
                >
                  结果汇总表 PDF
                </button>
                <button
                  type="button"
                  disabled={action.busy()}
                  onClick={() => filing('certificates', '证书信息表.xlsx')}
                >
                  合格人员证书信息表
                </button>
                <button
                  type="button"
                  disabled={action.busy()}
                  onClick={() => filing('certificates', '证书信息表.xlsx', 'pdf')}
                  title="合格人员证书信息表（PDF 打印版）"
                >
                  证书信息表 PDF
                </button>
                <button type="button" disabled={action.busy()} onClick={() => filing('upload', '证书信息上报.csv')}>
                  证书信息上报文件
                </button>
                <button type="button" disabled={action.busy()} onClick={archive}>
                  归档（下载归档包）
                </button>
              </p>
            </Show>
            <Notice ok={action.ok()} error={action.error()} />
          </>
        )}
      </Show>
    </section>
  );
}
