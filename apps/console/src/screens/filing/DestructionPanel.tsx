import { createResource, Show } from 'solid-js';
import { client, download, ok } from '../../api.ts';
import { Grid } from '../../components/Grid.tsx';
import { Notice } from '../../components/Notice.tsx';
import { createAction } from '../../components/run.ts';

/**
 * 销毁台账 on the 备案与归档 tab (administrators): every recorded destruction (who, when, what, kept until, the
 * archive manifest's hash), exported as Excel or PDF; and this batch's purge of personal data, which the server
 * allows only after the latest archive's retention date and records in the register (refusals shown as they come).
 */
export function DestructionPanel(props: { batchId: string; planNumber: string }) {
  const [entries, { refetch }] = createResource(() => ok(client.destructions.$get()));
  const action = createAction();
  const register = (format: 'xlsx' | 'pdf') =>
    void action.run(
      () => download(`${client.destructions.export.$path()}?format=${format}`, `销毁台账.${format}`),
      () => `已导出销毁台账（${format === 'pdf' ? 'PDF' : 'Excel'}）`,
    );
  const destroy = () =>
    void action.run(
      async () => {
        const question =
          `销毁批次 ${props.planNumber} 的考生个人信息（姓名、身份证号、单位、照片等）？\n` +
          '只有保存期满的批次才能销毁；销毁登记入销毁台账并记入审计记录，不可撤销。';
        if (!window.confirm(question)) return undefined;
        const entry = await ok(client.batches[':batchId'].destruction.$post({ param: { batchId: props.batchId } }));
        void refetch();
        return entry;
      },
      (e) => (e === undefined ? undefined : `已销毁并登记：${e.what}`),
    );
  return (
    <section aria-label="销毁台账" class="destructions">
      <h3>销毁台账</h3>
      <Show when={entries.error}>
        <Notice error={entries.error} retry={() => void refetch()} />
      </Show>
      <Grid
        columns={['认定计划号', '批次', '销毁内容', '保存期至', '经办人', '销毁时间', '归档清单校验码']}
        rows={entries.latest}
        label="销毁台账"
        empty="尚无销毁记录"
      >
        {(e) => (
          <tr>
            <td>{e.planNumber}</td>
            <td>{e.batchName}</td>
            <td>{e.what}</td>
            <td>{e.retainedUntil}</td>
            <td>{e.destroyedBy}</td>
            <td>{e.destroyedAt.slice(0, 10)}</td>
            <td>
              <code title={e.manifestHash}>{e.manifestHash.slice(0, 12)}…</code>
            </td>
          </tr>
        )}
      </Grid>
      <p class="row">
        <button type="button" disabled={action.busy()} onClick={() => register('xlsx')}>
          导出销毁台账
        </button>
        <button type="button" disabled={action.busy()} onClick={() => register('pdf')}>
          销毁台账 PDF
        </button>
        <button type="button" class="danger" disabled={action.busy()} onClick={destroy}>
          销毁本批次个人信息（保存期满后）
        </button>
      </p>
      <Notice ok={action.ok()} error={action.error()} />
    </section>
  );
}
