import {
  chinaTime,
  EXTERNAL_SUPERVISION_INDICATORS,
  EXTERNAL_SUPERVISION_MAX,
  EXTERNAL_SUPERVISION_TITLE,
  EXTERNAL_SUPERVISION_VETOES,
  scoreExternalSupervision,
  STAFF_DUTY_NAMES,
} from '@kaowu/domain/browser';
import { createResource, For, Show } from 'solid-js';
import { unwrap } from 'solid-js/store';
import { client, download, ok } from '../../api.ts';
import { ErrorTable } from '../../components/ErrorTable.tsx';
import { Notice } from '../../components/Notice.tsx';
import { createAction } from '../../components/run.ts';
import type { BatchView } from '../../contract.ts';
import { mayInBatch } from '../../permissions.ts';
import { me } from '../../session.ts';
import { normalised } from './draft.ts';
import { createRubricDraft, RubricHeader, RubricIndicator, RubricOpinion, RubricVetoes } from './RubricForm.tsx';
import './supervision.css';

const CRITERIA = EXTERNAL_SUPERVISION_INDICATORS.flatMap((i) => i.criteria);

/**
 * 附件3 外督情况登记表 as a form the batch's internal supervisors and the external supervisor (外督人员) fill together
 * on exam day: the annex's grades and checklists with a running total, the veto items, save, each one's signature
 * (complete once an internal and an external supervisor signed it as it stands) and the workbook.
 */
export function ExternalSupervisionPanel(props: { batch: BatchView }) {
  const route = client.batches[':batchId']['external-supervision'];
  const param = () => ({ batchId: props.batch.id });
  const [view, { mutate }] = createResource(
    () => props.batch.id,
    () => ok(route.$get({ param: param() })),
  );
  const { draft, setDraft, score, dirty } = createRubricDraft(
    () => view.latest,
    scoreExternalSupervision,
    (d) => normalised(d, CRITERIA, EXTERNAL_SUPERVISION_VETOES),
  );
  const readOnly = () => !mayInBatch('external_supervision.write', props.batch);
  const signedByMe = () => view.latest?.signatures.some((s) => s.username === me()?.username) ?? false;
  const signBlocker = (): string | undefined => {
    if (!view.latest?.report || dirty()) return '先保存登记表，再签字';
    if (!score().complete) return `登记表填写完整后才能签字（还有 ${score().missing.length} 项未评）`;
    if (signedByMe()) return '您已签字';
    return undefined;
  };
  const action = createAction();
  const save = () =>
    void action.run(
      async () => {
        const next = await ok(route.$put({ param: param(), json: Object.fromEntries(Object.entries(unwrap(draft))) }));
        mutate(next);
        return next;
      },
      (next) => `已保存：合计 ${next.score?.total ?? 0} 分`,
    );
  const sign = () =>
    void action.run(
      async () => {
        if (!window.confirm('签字确认本登记表？签字后如再修改内容，所有签字都将失效。')) return undefined;
        const next = await ok(route.sign.$post({ param: param() }));
        mutate(next);
        return next;
      },
      (next) => next && (next.signedByBoth ? '已签字：内督人员和外督人员均已签字' : '已签字'),
    );
  const downloadReport = () =>
    void action.run(() => download(route.report.$path({ param: param() }), '附件3 外督情况登记表.xlsx'));
  const form = () => ({ draft, setDraft, score: score(), readOnly: readOnly() });

  return (
    <section class="supervision" aria-label="外督情况登记表">
      <h3>{EXTERNAL_SUPERVISION_TITLE}（附件3）</h3>
      <Notice error={view.error} />
      <Show when={view.latest}>
        {(v) => (
          <>
            <div class="sv-bar">
              <p class="sv-total">
                合计 <output aria-label="外督合计得分">{score().total}</output> / {EXTERNAL_SUPERVISION_MAX} 分
                <Show when={score().vetoed}>
                  <span class="sv-vetoed">（否决项：得分为 0）</span>
                </Show>
              </p>
              <Show when={!readOnly() && dirty()}>
                <p class="sv-dirty" role="status">
                  有未保存的修改
                </p>
              </Show>
              <span class="right row">
                <Show when={!readOnly()}>
                  <button type="button" class="primary" disabled={action.busy() || !dirty()} onClick={save}>
                    保存登记表
                  </button>
                  <button
                    type="button"
                    disabled={action.busy() || signBlocker() !== undefined}
                    title={signBlocker()}
                    onClick={sign}
                  >
                    签字
                  </button>
                </Show>
                <button type="button" disabled={action.busy() || !v().report} onClick={downloadReport}>
                  下载附件3
                </button>
              </span>
            </div>
            <Notice ok={action.ok()} error={action.error()} />
            <ErrorTable problems={action.problems()} caption="登记表的问题" />
            <Show when={readOnly()}>
              <p class="notice warn">只读：由本批次的内部督导员和外督人员填写和签署。</p>
            </Show>
            <Show when={!readOnly() && signBlocker()}>{(why) => <p class="hint">签字：{why()}</p>}</Show>
            <section class="sv-signatures" aria-label="登记表签字">
              <strong>签字：</strong>
              <For each={v().signatures} fallback={<span class="hint">尚无签字</span>}>
                {(s) => (
                  <span class="sv-signer signed">
                    {s.name}（{STAFF_DUTY_NAMES[s.duty]}）：已签字（{chinaTime(s.signedAt)}）
                  </span>
                )}
              </For>
              <Show when={v().signedByBoth}>
                <span data-testid="external-signed-by-both">内督、外督人员均已签字</span>
              </Show>
            </section>
            <RubricHeader {...form()} unitLabel="督导人员工作单位" />
            <p class="hint">试卷管理：按本批次的考试形式（纸笔或机考）填写其中一项。</p>
            <For each={EXTERNAL_SUPERVISION_INDICATORS}>
              {(indicator) => <RubricIndicator {...form()} indicator={indicator} />}
            </For>
            <RubricVetoes
              {...form()}
              vetoes={EXTERNAL_SUPERVISION_VETOES}
              legend="否决项（任一项出现，当次外督得分为 0 分）"
            />
            <RubricOpinion {...form()} label="意见建议" rows={3} />
          </>
        )}
      </Show>
    </section>
  );
}
