import {
  scoreSupervision,
  SUPERVISION_CRITERIA,
  SUPERVISION_INDICATORS,
  SUPERVISION_MAX,
  SUPERVISION_PART_NAMES,
  SUPERVISION_PARTS,
  SUPERVISION_VETO_NOTE,
  SUPERVISION_VETOES,
  type SupervisionPart,
  chinaTime,
} from '@kaowu/domain/browser';
import { createResource, For, Show } from 'solid-js';
import { unwrap } from 'solid-js/store';
import { client, ok } from '../../api.ts';
import { ErrorTable } from '../../components/ErrorTable.tsx';
import { Notice } from '../../components/Notice.tsx';
import { normalised } from './draft.ts';
import { supervisionChanged } from './halt.ts';
import { createRubricDraft, RubricHeader, RubricIndicator, RubricOpinion, RubricVetoes } from './RubricForm.tsx';
import { createRubricActions, RubricButtons } from './RubricActions.tsx';
import './supervision.css';

const nameOf = (code: string): string => SUPERVISION_CRITERIA.find((c) => c.code === code)?.name ?? code;

/**
 * 附件2 内部督导情况报告 as a form for the batch's supervisors (a tablet on exam day, a laptop after the
 * publicity): the annex's grades as radio groups, checklists as checkboxes, the veto items, a running total, what
 * is still missing, save, sign and the workbook. Everyone else on the batch reads it.
 */
export function SupervisionPanel(props: { batchId: string }) {
  const param = () => ({ batchId: props.batchId });
  const route = client.batches[':batchId'].supervision;
  const [view, { mutate }] = createResource(
    () => props.batchId,
    () => ok(route.$get({ param: param() })),
  );
  // The form starts from what the server holds, and again after every save or signature.
  const { draft, setDraft, score, dirty } = createRubricDraft(
    () => view.latest,
    scoreSupervision,
    (d) => normalised(d),
  );
  const readOnly = () => !view.latest?.mayEdit;

  const confirmVeto = () =>
    window.confirm(
      '勾选否决项后，本次内督得分为 0，并暂停本次认定：在撤销前不能公示认定结果、确认结果生效或核发证书。确定勾选？',
    );

  const actions = createRubricActions({
    view: () => view.latest,
    mutate,
    dirty,
    score,
    noun: '报告',
    put: async () => {
      const next = await ok(route.$put({ param: param(), json: Object.fromEntries(Object.entries(unwrap(draft))) }));
      // The halt banner reads the report again: a veto saved or withdrawn halts or lifts the batch.
      supervisionChanged();
      return next;
    },
    sign: () => ok(route.sign.$post({ param: param() })),
    report: () => route.report.$path({ param: param() }),
    fileName: '附件2 内部督导情况报告.xlsx',
    saved: (next, before) =>
      [
        `已保存：合计 ${next.score?.total ?? 0} 分`,
        next.halted ? '本批次已暂停认定' : '',
        (before?.signatures.length ?? 0) > 0 && next.signatures.length === 0
          ? '报告内容已变更，原有签字已失效，请重新签字'
          : '',
      ]
        .filter(Boolean)
        .join('；'),
    signed: (next) => (next.signedByAll ? '已签字：全体内督人员均已签字' : '已签字'),
  });
  const { action, signBlocker } = actions;

  const missingIn = (part: SupervisionPart) =>
    score().missing.filter((code) => SUPERVISION_CRITERIA.find((c) => c.code === code)?.indicator.part === part);
  const form = () => ({ draft, setDraft, score: score(), readOnly: readOnly() });

  return (
    <section class="supervision" aria-label="内部督导">
      <Show when={view.latest} fallback={<p>正在载入内部督导报告…</p>}>
        {(v) => (
          <>
            <div class="sv-bar">
              <p class="sv-total">
                合计 <output aria-label="内督合计得分">{score().total}</output> / {SUPERVISION_MAX} 分
                <Show when={score().vetoed}>
                  <span class="sv-vetoed">（否决项：得分为 0）</span>
                </Show>
              </p>
              <p>
                已评 {SUPERVISION_CRITERIA.length - score().missing.length} / {SUPERVISION_CRITERIA.length} 项
              </p>
              <RubricButtons
                actions={actions}
                readOnly={readOnly()}
                dirty={dirty()}
                downloadLabel="下载附件2"
                canDownload
              />
            </div>
            <Notice ok={action.ok()} error={action.error()} />
            <ErrorTable problems={action.problems()} caption="督导报告的问题" />
            <Show when={v().halted}>
              <p class="notice error" role="alert">
                本报告勾选了否决项：本次内督得分为 0，本批次已暂停认定。
              </p>
            </Show>
            <Show when={readOnly()}>
              <p class="notice warn">只读：只有本批次的内部督导员可以填写和签署本报告。</p>
            </Show>
            <Show when={!readOnly() && signBlocker()}>{(why) => <p class="hint">签字：{why()}</p>}</Show>
            <section class="sv-signatures" aria-label="内督人员签字">
              <strong>内督人员签字：</strong>
              <For each={v().supervisors} fallback={<span class="hint">本批次未安排内部督导员</span>}>
                {(s) => {
                  const signed = () => v().signatures.find((g) => g.username === s.username);
                  return (
                    <span class="sv-signer" classList={{ signed: !!signed() }}>
                      {s.name}：{signed() ? `已签字（${chinaTime(signed()!.signedAt)}）` : '未签字'}
                    </span>
                  );
                }}
              </For>
              <Show when={v().updatedAt}>
                {(at) => (
                  <span class="hint">
                    最后保存：{v().updatedBy?.name}，{chinaTime(at())}
                  </span>
                )}
              </Show>
            </section>

            <RubricHeader {...form()} unitLabel="督导员工作单位" />

            <For each={SUPERVISION_PARTS}>
              {(part) => (
                <section class="sv-part" aria-label={SUPERVISION_PART_NAMES[part]}>
                  <h3>{SUPERVISION_PART_NAMES[part]}</h3>
                  <Show when={missingIn(part).length > 0}>
                    <p class="hint" role="note" aria-label={`${SUPERVISION_PART_NAMES[part]}未评项目`}>
                      尚未评定：{missingIn(part).map(nameOf).join('、')}
                    </p>
                  </Show>
                  <For each={SUPERVISION_INDICATORS.filter((i) => i.part === part)}>
                    {(indicator) => <RubricIndicator {...form()} indicator={indicator} />}
                  </For>
                </section>
              )}
            </For>

            <RubricVetoes {...form()} vetoes={SUPERVISION_VETOES} legend="否决项" confirm={confirmVeto}>
              <p class="sv-warning">
                <strong>{SUPERVISION_VETO_NOTE}</strong> 暂停期间不能公示认定结果、确认结果生效或核发证书。
              </p>
            </RubricVetoes>

            <RubricOpinion {...form()} label="内督人员意见或其他问题说明" rows={4} />
            <Show when={!readOnly() && score().missing.length > 0 && !score().vetoed}>
              <p class="hint">
                还有 {score().missing.length} 项未评：可先保存，稍后补充（成绩公示、诉求反馈在公示结束后填写）。
              </p>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
