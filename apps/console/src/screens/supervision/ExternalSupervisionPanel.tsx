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
import { client, ok } from '../../api.ts';
import { ErrorTable } from '../../components/ErrorTable.tsx';
import { Notice } from '../../components/Notice.tsx';
import type { BatchView } from '../../contract.ts';
import { mayInBatch } from '../../permissions.ts';
import { normalised } from './draft.ts';
import { createRubricDraft, RubricHeader, RubricIndicator, RubricOpinion, RubricVetoes } from './RubricForm.tsx';
import { createRubricActions, RubricButtons } from './RubricActions.tsx';
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
  const actions = createRubricActions({
    view: () => view.latest,
    mutate,
    dirty,
    score,
    noun: '登记表',
    put: () => ok(route.$put({ param: param(), json: Object.fromEntries(Object.entries(unwrap(draft))) })),
    sign: () => ok(route.sign.$post({ param: param() })),
    report: () => route.report.$path({ param: param() }),
    fileName: '附件3 外督情况登记表.xlsx',
    saved: (next) => `已保存：合计 ${next.score?.total ?? 0} 分`,
    signed: (next) => (next.signedByBoth ? '已签字：内督人员和外督人员均已签字' : '已签字'),
  });
  const { action, signBlocker } = actions;
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
              <RubricButtons
                actions={actions}
                readOnly={readOnly()}
                dirty={dirty()}
                downloadLabel="下载附件3"
                canDownload={!!v().report}
              />
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
