import { createSignal, For, Show } from 'solid-js';
import { client, fileBody, ok } from '../../api.ts';
import { ErrorTable } from '../../components/ErrorTable.tsx';
import { Notice } from '../../components/Notice.tsx';
import { createUpload, WorkbookInput } from '../../components/upload.tsx';
import type { RecordedApplications } from '../../contract.ts';

/** How to fill the template. The space after 。 is the one JSX put between the two lines this text once was. */
const TEMPLATE_HINT =
  '模板已列出本批次全部考生：在“申报信息”表填写用工形式、入职日期、养老保险缴费月数等，' +
  '证书、获奖、证明材料各填在对应的表中（见“填写说明”）。 ' +
  '只填写了准考证号、姓名、身份证号的行不导入；再次导入会替换该考生此前的申报信息。';

/**
 * 申报信息 from a workbook: the template lists the batch's candidates (with what was recorded before); the whole
 * workbook is checked and any problem, shown by sheet, row and column, records nothing.
 */
export function ApplicationsPanel(props: { batchId: string; onImported: () => void }) {
  const base = `/batches/${props.batchId}/applications`;
  const [ineligible, setIneligible] = createSignal<RecordedApplications['ineligible']>([]);
  const { file, setFile, action, upload } = createUpload(
    '请先选择申报信息工作簿',
    async (f) => {
      setIneligible([]);
      const r = await ok(
        client.batches[':batchId'].applications.import.$post({ param: { batchId: props.batchId } }, fileBody(f)),
      );
      setIneligible(r.ineligible);
      props.onImported();
      return r;
    },
    (r) =>
      `已录入 ${r.recorded} 名考生的申报信息` +
      (r.ineligible.length > 0 ? `，其中 ${r.ineligible.length} 名不符合申报条件` : ''),
  );
  return (
    <section class="panel" aria-label="申报信息">
      <h3>申报信息</h3>
      <p class="hint">{TEMPLATE_HINT}</p>
      <div class="row">
        {/* A plain link: the session cookie goes with a GET, and the browser saves under the server's file name. */}
        <a class="button" href={`/api${base}/template`} download="申报信息模板.xlsx">
          下载申报信息模板
        </a>
        <WorkbookInput label="选择申报信息工作簿" onFile={setFile} />
        <button type="button" class="primary" disabled={!file() || action.busy()} onClick={upload}>
          导入申报信息
        </button>
      </div>
      <Notice ok={action.ok()} error={action.error()} />
      <ErrorTable problems={action.problems()} caption="申报信息中的错误（未录入任何记录）" />
      <Show when={ineligible().length > 0}>
        <ul class="problems" aria-label="本次导入中不符合申报条件的考生">
          <For each={ineligible()}>
            {(x) => (
              <li>
                {x.ticket} {x.name}：{x.reasons.join('；')}
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
