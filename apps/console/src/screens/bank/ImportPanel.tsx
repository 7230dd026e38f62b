import { createSignal, Show } from 'solid-js';
import { bankParam, bankPath, client, download, fileBody, ok } from '../../api.ts';
import { ErrorTable } from '../../components/ErrorTable.tsx';
import { Notice } from '../../components/Notice.tsx';
import { createAction } from '../../components/run.ts';
import type { BankRef } from '../../contract.ts';
import { mayInBank } from '../../permissions.ts';

/**
 * Excel in and out: the template, an import that is all or nothing (every problem listed), and the export. The
 * import is for those who write items, the export for all who may export the bank (the permission table).
 */
export function ImportPanel(props: { bank: BankRef; onImported: () => void }) {
  const [file, setFile] = createSignal<File>();
  const [submit, setSubmit] = createSignal(false);
  const action = createAction();
  const upload = () =>
    action.run(
      async () => {
        const f = file();
        if (!f) throw new Error('请先选择工作簿文件');
        const res = await ok(
          client.banks[':occupation'][':level'].import.$post(
            { param: bankParam(props.bank), query: submit() ? { submit: '1' } : {} },
            fileBody(f),
          ),
        );
        props.onImported();
        return res;
      },
      (r) => `已导入 ${r.rows} 行：新建 ${r.created}，新版本 ${r.newVersions}，修改 ${r.updated}，未变 ${r.unchanged}`,
    );
  return (
    <section class="panel" aria-label="导入导出">
      <Show when={mayInBank('item.write', props.bank.occupationCode)}>
        <h3>Excel 导入</h3>
        <p class="hint">先下载模板填写；有任何错误时不会导入任何试题，请按下表逐条修正后重新上传。</p>
      </Show>
      <div class="row">
        <Show when={mayInBank('item.write', props.bank.occupationCode)}>
          <button
            type="button"
            onClick={() => void action.run(() => download(`${bankPath(props.bank)}/template`, '试题导入模板.xlsx'))}
          >
            下载模板
          </button>
          <input
            type="file"
            aria-label="选择工作簿"
            accept=".xlsx"
            onChange={(e) => setFile(e.currentTarget.files?.[0])}
          />
          <label class="inline">
            <input type="checkbox" checked={submit()} onChange={(e) => setSubmit(e.currentTarget.checked)} />
            导入后直接提交审核
          </label>
          <button type="button" class="primary" disabled={!file() || action.busy()} onClick={() => void upload()}>
            导入
          </button>
        </Show>
        <Show when={mayInBank('bank.export', props.bank.occupationCode)}>
          <button
            type="button"
            onClick={() => void action.run(() => download(`${bankPath(props.bank)}/export?which=all`, '试题.xlsx'))}
          >
            导出全部试题
          </button>
        </Show>
      </div>
      <Notice ok={action.ok()} error={action.error()} />
      <ErrorTable problems={action.problems()} caption="工作簿中的错误（未导入任何试题）" />
    </section>
  );
}
