import { type BatchStage, rosterImportOpen } from '@kaowu/domain/browser';
import { createSignal, Show } from 'solid-js';
import { client, download, fileBody, ok } from '../../api.ts';
import { ErrorTable } from '../../components/ErrorTable.tsx';
import { Notice } from '../../components/Notice.tsx';
import { createUpload, WorkbookInput } from '../../components/upload.tsx';

/** The roster workbook: all rows checked, every bad row listed, nothing imported on error. */
export function RosterPanel(props: {
  batchId: string;
  /**
   * Where the batch stands and the published candidate list's last day while it runs (else null): the import is
   * offered when rosterImportOpen, the server's own rule, says so; else the hint says why, as the server would
   * (roster_frozen once a room has opened, before candidate_list_frozen).
   */
  stage: BatchStage;
  candidateListUntil: string | null;
  webcamFrame: boolean;
  onSettings: () => void;
  onImported: () => void;
}) {
  const { file, setFile, action, upload } = createUpload(
    '请先选择名单文件',
    async (f) => {
      const zip = photos();
      // With the photos, both files go as a form (the browser sets the multipart boundary); else the workbook alone.
      const body = new FormData();
      body.append('roster', f);
      if (zip) body.append('photos', zip);
      const res = await ok(
        client.batches[':batchId'].roster.$post(
          { param: { batchId: props.batchId } },
          zip ? { init: { body } } : fileBody(f),
        ),
      );
      props.onImported();
      return res;
    },
    (r) => `名单已导入：${r.imported} 人${r.photos > 0 ? `，照片 ${r.photos} 张` : ''}`,
  );
  const [photos, setPhotos] = createSignal<File>();
  return (
    <section class="panel" aria-label="考生名单">
      <h3>考生名单</h3>
      <Show
        when={rosterImportOpen(props.stage, props.candidateListUntil !== null)}
        fallback={
          <p class="hint" data-testid="roster-import-closed">
            {rosterImportOpen(props.stage, false)
              ? `考生名单公示至 ${props.candidateListUntil}，公示期间不能导入或更改名单；公示结束后方可导入。`
              : '本批次已开考，不能再导入考生名单；个别考生的信息可在下方考生列表中逐行更正。'}
          </p>
        }
      >
        <p class="hint">
          表头：姓名 | 身份证号 | 文化程度 | 所在单位 | 专业工龄 | 准考证号 | 考场 | 座位号（后三列可空，自动生成）；
          可再加 延时（分钟） | 时间倍数 |
          大字号（便利安排，可空）。单个考生的照片和便利安排在下方考生列表中逐行修改。照片：以身份证号命名（如
          110101199003071234.jpg）打包成 zip，与名单一起导入。模板第 2 行是示例（姓名为“示例”），导入时跳过。
        </p>
        <div class="row">
          <button
            type="button"
            disabled={action.busy()}
            onClick={() =>
              void action.run(() =>
                download(
                  client.batches[':batchId'].roster.template.$path({ param: { batchId: props.batchId } }),
                  '考生名单模板.xlsx',
                ),
              )
            }
          >
            下载名单模板
          </button>
          <WorkbookInput label="选择名单" onFile={setFile} />
          <label>
            照片（zip，可选）
            <input
              type="file"
              aria-label="选择照片压缩包"
              accept=".zip,application/zip"
              onChange={(e) => setPhotos(e.currentTarget.files?.[0])}
            />
          </label>
          <button type="button" class="primary" disabled={!file() || action.busy()} onClick={upload}>
            导入名单
          </button>
        </div>
      </Show>
      <label class="hint inline">
        <input
          type="checkbox"
          checked={props.webcamFrame}
          disabled={action.busy()}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            void action.run(
              async () => {
                await ok(
                  client.batches[':batchId'].settings.$patch({
                    param: { batchId: props.batchId },
                    json: { webcamFrame: on },
                  }),
                );
                props.onSettings();
              },
              () => (on ? '已开启开考拍照' : '已关闭开考拍照'),
            );
          }}
        />{' '}
        开考拍照：考生点击“开始答题”时，经本人同意用摄像头拍一张照片，供监考员与名单照片人工核对（不做人脸识别）
      </label>
      <Notice ok={action.ok()} error={action.error()} />
      <ErrorTable problems={action.problems()} caption="名单或照片中的错误（未导入任何考生）" />
    </section>
  );
}
