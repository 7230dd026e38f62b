import { createSignal } from 'solid-js';
import { client, fileBody, ok } from '../../api.ts';
import { ErrorTable } from '../../components/ErrorTable.tsx';
import { Notice } from '../../components/Notice.tsx';
import { createAction } from '../../components/run.ts';

/** The roster workbook: all rows checked, every bad row listed, nothing imported on error. */
export function RosterPanel(props: { batchId: string; onImported: () => void }) {
  const [file, setFile] = createSignal<File>();
  const action = createAction();
  const upload = () =>
    void action.run(
      async () => {
        const f = file();
        if (!f) throw new Error('请先选择名单文件');
        const res = await ok(
          client.batches[':batchId'].roster.$post({ param: { batchId: props.batchId } }, fileBody(f)),
        );
        props.onImported();
        return res;
      },
      (r) => `名单已导入${typeof r.imported === 'number' ? `：${r.imported} 人` : ''}`,
    );
  return (
    <section class="panel" aria-label="考生名单">
      <h3>考生名单</h3>
      <p class="hint">
        表头：姓名 | 身份证号 | 文化程度 | 所在单位 | 专业工龄 | 准考证号 | 考场 | 座位号（后三列可空，自动生成）。
      </p>
      <div class="row">
        <input type="file" aria-label="选择名单" accept=".xlsx" onChange={(e) => setFile(e.currentTarget.files?.[0])} />
        <button type="button" class="primary" disabled={!file() || action.busy()} onClick={upload}>
          导入名单
        </button>
      </div>
      <Notice ok={action.ok()} error={action.error()} />
      <ErrorTable problems={action.problems()} caption="名单中的错误（未导入任何考生）" />
    </section>
  );
}
