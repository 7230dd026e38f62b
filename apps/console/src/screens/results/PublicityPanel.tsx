import { chinaTime } from '@kaowu/domain/browser';
import { createResource, createSignal, Show } from 'solid-js';
import { ApiError, client, messageOf, ok } from '../../api.ts';
import { Field } from '../../components/Field.tsx';
import { Notice } from '../../components/Notice.tsx';
import { NoticeWindow, Objections } from '../../components/PublicNotice.tsx';
import { loaded } from '../../components/resource.ts';
import { createAction } from '../../components/run.ts';
import { Grid } from '../../components/Grid.tsx';
import { AuthorityNumbersPanel } from './AuthorityNumbersPanel.tsx';
import type { CertificateList, Publicity } from '../../contract.ts';

/**
 * What the server says about the publicity: the view, or why there is none (not yet published is a 400 with its
 * reason). Any other failure (a refusal, a server fault) stays a failure: the panel shows it with a retry.
 */
interface PublicityRead {
  view?: Publicity;
  why?: string;
}

async function readPublicity(batchId: string): Promise<PublicityRead> {
  try {
    return { view: await ok(client.batches[':batchId'].results.publicity.$get({ param: { batchId } })) };
  } catch (e) {
    if (e instanceof ApiError && e.status === 400) return { why: messageOf(e) };
    throw e;
  }
}

/**
 * The one thing to do next, from the server's state alone: publish, wait for the window (and handle objections),
 * finalise, issue — so an administrator never has to guess why a button is refused.
 */
export function nextStep(publicity: Publicity | undefined, certificates: CertificateList | undefined): string {
  if (!publicity) return '计算认定结果（无待定）后公示认定结果，公示期按工作日计算（节假日顺延）';
  const open = publicity.objections.filter((o) => !o.resolution).length;
  const objections = open > 0 ? `有 ${open} 条未处理异议，须逐条处理（填写处理意见）` : '';
  if (publicity.finalisedAt) {
    const issued = certificates?.certificates.length ?? 0;
    if ((certificates?.awaiting ?? 0) > 0)
      return `认定结果已生效，可以发证：${certificates?.awaiting} 名合格考生待发证`;
    return issued > 0 ? `证书已全部核发（${issued} 本），可下载证书核发登记表` : '认定结果已生效，没有待发证的合格考生';
  }
  if (!publicity.matchesDecisions) return '认定结果在公示后有变更，须重新公示后才能确认结果生效';
  if (publicity.state === 'open')
    return (
      `公示期未满：至 ${publicity.window.lastDay} 结束（还有 ${publicity.daysLeft} 个工作日），` +
      `期满后才能确认结果生效${objections ? `；${objections}` : ''}`
    );
  if (open > 0) return `公示期已满；${objections}，处理完毕后才能确认结果生效`;
  return '公示期已满，异议均已处理：可以确认结果生效';
}

/**
 * 成绩公示 → 异议 → 结果生效 → 证书核发, in that order;
 * every state shown is read back from the server.
 */
export function PublicityPanel(props: {
  batchId: string /** Administrators act; everyone else on the batch reads. */;
  canAct?: boolean;
}) {
  const canAct = () => props.canAct ?? true;
  const [publicityResource, { refetch }] = createResource(() => props.batchId, readPublicity);
  const publicity = () => loaded(publicityResource);
  const [certificatesResource, { refetch: refetchCertificates }] = createResource(
    () => props.batchId,
    (batchId) => ok(client.batches[':batchId'].results.certificates.$get({ param: { batchId } })),
  );
  const certificates = () => loaded(certificatesResource);
  const param = () => ({ batchId: props.batchId });
  const view = () => publicity()?.view;
  const [publishedOn, setPublishedOn] = createSignal('');
  const [workingDays, setWorkingDays] = createSignal('5');
  const [revokeNumber, setRevokeNumber] = createSignal('');
  const [revokeReason, setRevokeReason] = createSignal('');
  const action = createAction();
  const reload = () => Promise.all([refetch(), refetchCertificates()]);

  const publish = () =>
    void action.run(
      async () => {
        const days = Number(workingDays());
        if (!window.confirm(`确定公示认定结果 ${days} 个工作日？`)) return undefined;
        const published = await ok(
          client.batches[':batchId'].results.publicity.$post({
            param: param(),
            json: { ...(publishedOn() ? { publishedOn: publishedOn() } : {}), workingDays: days },
          }),
        );
        await reload();
        return published;
      },
      (v) => v && `已公示，公示期 ${v.window.firstDay} 至 ${v.window.lastDay}`,
    );
  const finalise = () =>
    void action.run(
      async () => {
        if (!window.confirm('公示期已满、异议已处理，确定认定结果生效？生效后不能再修改。')) return undefined;
        const r = await ok(client.batches[':batchId'].results.finalise.$post({ param: param() }));
        await reload();
        return r.statistics;
      },
      // the item analysis follows on its own; its failure does not undo the finalisation, but is said here
      (st) =>
        st === undefined
          ? undefined
          : st.status === 'computed'
            ? `认定结果已生效；试题统计分析已自动计算（${st.persons} 名考生，${st.flagged} 道试题需复核）`
            : st.status === 'failed'
              ? `认定结果已生效；但试题统计分析自动计算失败（${st.message}），请在“统计分析”中重新计算`
              : '认定结果已生效',
    );
  const issue = () =>
    void action.run(
      async () => {
        if (!window.confirm('确定为全部合格考生核发证书？证书编号一经核发不再改变。')) return undefined;
        const r = await ok(client.batches[':batchId'].results.certificates.$post({ param: param(), json: {} }));
        await reload();
        return r;
      },
      (r) => r && `已核发 ${r.issued.length} 本证书${r.already > 0 ? `（另有 ${r.already} 人此前已发证）` : ''}`,
    );

  const revoke = () =>
    void action.run(
      async () => {
        const number = revokeNumber().trim().toUpperCase();
        if (!window.confirm(`确定注销证书 ${number}？注销后公开查询将显示“已注销”，不能撤回。`)) return undefined;
        const r = await ok(
          client.certificates[':number'].revoke.$post({ param: { number }, json: { reason: revokeReason() } }),
        );
        setRevokeNumber('');
        setRevokeReason('');
        await reload();
        return r;
      },
      (r) => r && `证书 ${r.number} 已注销`,
    );

  return (
    <section class="publicity" aria-label="公示与发证">
      <h3>公示与发证</h3>
      <Notice error={publicityResource.error} retry={() => void refetch()} />
      <Notice error={certificatesResource.error} retry={() => void refetchCertificates()} />
      <Show when={publicity()}>
        {(read) => (
          <>
            <p class="notice warn" role="status" aria-label="下一步">
              下一步：{nextStep(read().view, certificates())}
            </p>
            <Show when={!read().view && read().why}>
              <p class="hint">{read().why}</p>
            </Show>
          </>
        )}
      </Show>
      <Show when={view()}>
        {(p) => (
          <div data-testid="publicity">
            <NoticeWindow notice={p()} />
            <Show when={p().finalisedAt}>{(at) => <p class="notice ok">认定结果已于 {chinaTime(at())} 生效。</p>}</Show>
            <Objections
              label="异议"
              objections={p().objections}
              canResolve={canAct()}
              canRecord={canAct() && !p().finalisedAt}
              action={action}
              record={async (json) => {
                await client.batches[':batchId'].results.objections.$post({ param: param(), json });
                await reload();
              }}
              resolve={async (id, json) => {
                await client.batches[':batchId'].results.objections[':id'].resolve.$post({
                  param: { ...param(), id },
                  json,
                });
                await reload();
              }}
              resolved={(outcome) =>
                outcome === 'upheld' ? '异议已处理为成立：请更正成绩、重新计算并重新公示' : '异议已处理'
              }
            />
          </div>
        )}
      </Show>
      <Show when={canAct()}>
        <div class="row">
          <Show when={publicity() && !view()?.finalisedAt}>
            <Field label="公示日期" type="date" value={publishedOn()} onValue={setPublishedOn} />
            <Field label="工作日" class="score" inputmode="numeric" value={workingDays()} onValue={setWorkingDays} />
            <button type="button" disabled={action.busy()} onClick={publish}>
              {view() ? '重新公示' : '公示认定结果'}
            </button>
            <Show when={view()}>
              <button type="button" class="primary" disabled={action.busy()} onClick={finalise}>
                确认结果生效
              </button>
            </Show>
          </Show>
          <Show when={view()?.finalisedAt}>
            <button
              type="button"
              class="primary"
              disabled={action.busy() || certificates()?.awaiting === 0}
              onClick={issue}
            >
              核发证书
            </button>
          </Show>
        </div>
      </Show>
      <Notice ok={action.ok()} error={action.error()} />
      <Show when={canAct() && view()?.finalisedAt && (certificates()?.awaiting ?? 0) > 0}>
        <AuthorityNumbersPanel batchId={props.batchId} onImported={() => void reload()} />
      </Show>
      <Show when={(certificates()?.certificates.length ?? 0) > 0}>
        <Grid
          label="已核发证书"
          columns={['准考证号', '姓名', '证书编号', '等级', '发证日期', '状态']}
          rows={certificates()?.certificates}
        >
          {(c) => (
            <tr>
              <td>{c.ticket}</td>
              <td>{c.name}</td>
              <td class="mono">{c.number}</td>
              <td>{c.levelName}</td>
              <td>{c.issuedOn}</td>
              <td>{c.revokedAt ? '已注销' : '有效'}</td>
            </tr>
          )}
        </Grid>
        <div class="row">
          {/* A plain link: the session cookie goes with a GET, and the browser saves under the server's name. */}
          <a
            class="button"
            href={`/api${client.batches[':batchId'].certificates.pdf.$path({ param: param() })}`}
            download="电子证书.zip"
          >
            下载电子证书（PDF）
          </a>
        </div>
        <Show when={canAct()}>
          <div class="row">
            <Field label="注销证书编号" value={revokeNumber()} onValue={setRevokeNumber} maxlength={22} />
            <Field label="注销原因" value={revokeReason()} onValue={setRevokeReason} maxlength={500} />
            <button
              type="button"
              disabled={action.busy() || revokeNumber().trim() === '' || revokeReason().trim() === ''}
              onClick={revoke}
            >
              注销证书
            </button>
          </div>
        </Show>
      </Show>
    </section>
  );
}
