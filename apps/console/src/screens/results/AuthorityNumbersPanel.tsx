import { client, fileBody, ok } from '../../api.ts';
import { ErrorTable } from '../../components/ErrorTable.tsx';
import { Notice } from '../../components/Notice.tsx';
import { createUpload, WorkbookInput } from '../../components/upload.tsx';

/**
 * 人社部门赋码: when the authority numbers the certificates (setting certificate.numbering = authority), the
 * administrator imports its list, a workbook with the columns 身份证号 and 证书编号. Every problem is shown by
 * row; nothing is imported on any problem; issuing waits until every passing candidate has a number.
 */
export function AuthorityNumbersPanel(props: { batchId: string; onImported: () => void }) {
  const { file, setFile, action, upload } = createUpload(
    '请先选择证书编号工作簿',
    async (f) => {
      const r = await ok(
        client.batches[':batchId'].certificates.numbers.import.$post(
          { param: { batchId: props.batchId } },
          fileBody(f),
        ),
      );
      props.onImported();
      return r;
    },
    (r) =>
      `已导入 ${r.assigned} 个证书编号` +
      (r.missing > 0 ? `，尚有 ${r.missing} 名合格考生没有编号` : '，合格考生均已有编号，可以发证'),
  );
  return (
    <section class="panel" aria-label="人社部门赋码">
      <p class="hint">
        证书由人社部门赋码时（设置 certificate.numbering =
        authority），请导入赋码名单：第一行为表头“身份证号”“证书编号”。
      </p>
      <div class="row">
        <WorkbookInput label="选择证书编号工作簿" onFile={setFile} />
        <button type="button" disabled={!file() || action.busy()} onClick={upload}>
          导入证书编号
        </button>
      </div>
      <Notice ok={action.ok()} error={action.error()} />
      <ErrorTable problems={action.problems()} caption="证书编号中的错误（未导入任何编号）" />
    </section>
  );
}
