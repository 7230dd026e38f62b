import { client, fileBody, ok } from '../../api.ts';
import { ErrorTable } from '../../components/ErrorTable.tsx';
import { Notice } from '../../components/Notice.tsx';
import { createUpload, WorkbookInput } from '../../components/upload.tsx';

/** The roster workbook: all rows checked, every bad row listed, nothing imported on error. */
export function RosterPanel(props: { batchId: string; onImported: () => void }) {
  const { file, setFile, action, upload } = createUpload(
    '请先选择名单文件',
    async (f) => {
      const res = await ok(client.batches[':batchId'].roster.$post({ param: { batchId: props.batchId } }, fileBody(f)));
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
        <WorkbookInput label="选择名单" onFile={setFile} />
        <button type="button" class="primary" disabled={!file() || action.busy()} onClick={upload}>
          导入名单
        </button>
      </div>
      <Notice ok={action.ok()} error={action.error()} />
      <ErrorTable problems={action.problems()} caption="名单中的错误（未导入任何考生）" />
    </section>
  );
}
