import { certificationVerdictText, chinaTime, DIFFICULTY_NAMES, ITEM_TYPE_NAMES } from '@kaowu/domain/browser';
import { createResource, createSignal, For, Show } from 'solid-js';
import { bankParam, client, ok } from '../../api.ts';
import { BarChart } from '../../components/BarChart.tsx';
import { Notice } from '../../components/Notice.tsx';
import { createAction } from '../../components/run.ts';
import type { BankRef, BankStatus } from '../../contract.ts';
import { mayInBank } from '../../permissions.ts';
import { loaded } from '../../components/resource.ts';
import { keyText } from './key-text.ts';
import { ask } from '../../components/ask.tsx';
import { me } from '../../session.ts';
import { ReleaseChangeList, ReleaseFacts } from './ReleaseChanges.tsx';
import { calibrationSeen, EmpiricalDifficulty } from '../stats/EmpiricalDifficulty.tsx';
import '../stats/stats.css';

/**
 * The snapshot being certified, its distributions, a sample to read, the sign-offs (stale ones with
 * what changed), and the sign-off.
 */
export function CertificationPage(props: { bank: BankRef; status: BankStatus | undefined; onCertified: () => void }) {
  const [sample] = createResource(
    () => props.status?.snapshotHash,
    () =>
      ok(client.banks[':occupation'][':level'].sample.$get({ param: bankParam(props.bank), query: { size: '10' } })),
  );
  // The empirical difficulties beside the certified bands (for those who read statistics); the sign-off records
  // which calibration was on the page.
  const [difficulties] = createResource(
    () => (mayInBank('stats.read', props.bank.occupationCode) ? props.bank : undefined),
    (bank) => ok(client.banks[':occupation'][':level'].difficulties.$get({ param: bankParam(bank) })),
  );
  const [changes] = createResource(
    () => props.status?.snapshotHash,
    () => ok(client.banks[':occupation'][':level'].changes.$get({ param: bankParam(props.bank) })),
  );
  const [comment, setComment] = createSignal('');
  const [commentError, setCommentError] = createSignal<string>();
  /** The person has signed the current snapshot already: each assessor signs a version once. */
  const signed = () =>
    props.status?.certification.certifications.some(
      (c) => c.assessor === me()?.username && c.snapshotHash === props.status?.snapshotHash,
    ) ?? false;
  const action = createAction();
  const certify = () =>
    void action.run(
      async () => {
        const s = props.status;
        if (!s) throw new Error('题库状态尚未载入');
        if (comment().trim() === '') {
          setCommentError('请填写认证意见（例如：难度与该等级要求相符）');
          return undefined;
        }
        const next = s.release && s.release.pending.total > 0;
        const confirmed = await ask({
          title: '签署题库难度认证',
          consequence: next
            ? `您认证的是包含 ${s.release!.pending.total} 项变更的新版本（${s.coverage.approved} 道已通过试题）。` +
              `满 ${s.certification.required} 名考评员认证后，它取代已认证版本 ${s.release!.number} 用于正式组卷。签署后不能撤回。`
            : `您确认题库版本 ${s.snapshotHash.slice(0, 12)}…（${s.coverage.approved} 道已通过试题）的难度符合本等级要求。签署后不能撤回。`,
          confirm: '签署认证',
        });
        if (!confirmed) return undefined;
        const res = await ok(
          client.banks[':occupation'][':level'].certify.$post({
            param: bankParam(props.bank),
            json: {
              comment: comment().trim(),
              expectedHash: s.snapshotHash,
              ...(loaded(difficulties) ? { statisticsSeen: calibrationSeen(loaded(difficulties)!) } : {}),
            },
          }),
        );
        props.onCertified();
        return res;
      },
      (r) => (r ? `已签署认证：${r.snapshotHash.slice(0, 12)}` : undefined),
    );
  return (
    <Show when={props.status} fallback={<p>正在载入…</p>}>
      {(s) => (
        <section class="certification" aria-label="题库难度认证">
          <div class="facts">
            <div>
              <span>题库版本校验码</span>
              <code data-testid="snapshot-hash">{s().snapshotHash}</code>
            </div>
            <div>
              <span>已通过试题</span>
              <strong>{s().coverage.approved}</strong> / 最少 {s().coverage.minItems}
            </div>
            <div>
              <span>认证</span>
              <strong>
                {s().certification.counting} / {s().certification.required}
              </strong>{' '}
              {s().certification.certified ? '已认证' : '未完成'}
            </div>
          </div>
          <ReleaseFacts status={s()} />
          <Show when={changes()?.release && s().release && s().release!.pending.total > 0}>
            <ReleaseChangeList changes={changes()!} />
          </Show>
          <div class="charts">
            <BarChart
              title="难度分布"
              labels={Object.keys(s().coverage.byDifficulty).map(
                (d) => `${d} ${DIFFICULTY_NAMES[Number(d) as 1] ?? ''}`,
              )}
              series={[{ label: '题数', values: Object.values(s().coverage.byDifficulty), color: '#3b6fb6' }]}
            />
            <BarChart
              title="各鉴定范围：试题占比与权重（%）"
              labels={s().coverage.areas.map((a) => a.name)}
              series={[
                { label: '试题占比', values: s().coverage.areas.map((a) => a.share), color: '#3b6fb6' },
                { label: '理论权重', values: s().coverage.areas.map((a) => a.weight), color: '#c8a040' },
              ]}
            />
            <BarChart
              title="题型"
              labels={Object.keys(s().coverage.byType).map((t) => ITEM_TYPE_NAMES[t as 'single'])}
              series={[{ label: '题数', values: Object.values(s().coverage.byType), color: '#5a9a6e' }]}
            />
          </div>
          <h3>认证记录</h3>
          <table class="grid">
            <thead>
              <tr>
                <th>考评员</th>
                <th>时间</th>
                <th>题库版本</th>
                <th>状态</th>
                <th>意见</th>
              </tr>
            </thead>
            <tbody>
              <For each={s().certification.certifications}>
                {(c) => (
                  <tr classList={{ stale: c.verdict.kind === 'stale' }}>
                    <td>{c.assessorName}</td>
                    <td>{chinaTime(c.certifiedAt)}</td>
                    <td>
                      <code>{c.snapshotHash.slice(0, 12)}</code>
                    </td>
                    <td>{certificationVerdictText(c.verdict)}</td>
                    <td>{c.comment}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
          <h3>抽样阅读（同一题库版本的抽样对每位考评员相同）</h3>
          <ol class="sample">
            <For each={sample()}>
              {(i) => (
                <li>
                  <strong>{i.code}</strong> 难度 {i.content.difficulty}：{i.content.stem}
                  <span class="key">答案 {keyText(i.content)}</span>
                </li>
              )}
            </For>
          </ol>
          <Show when={loaded(difficulties)}>{(d) => <EmpiricalDifficulty lines={d()} />}</Show>
          <Show when={mayInBank('bank.certify', props.bank.occupationCode)}>
            <div class="row signoff">
              <label class="field">
                <input
                  aria-label="认证意见"
                  aria-invalid={commentError() ? 'true' : undefined}
                  placeholder="认证意见（必填）"
                  value={comment()}
                  disabled={signed()}
                  onInput={(e) => {
                    setComment(e.currentTarget.value);
                    setCommentError(undefined);
                  }}
                />
                <Show when={commentError()}>
                  <span class="field-error" role="alert">
                    {commentError()}
                  </span>
                </Show>
              </label>
              <button type="button" class="primary" disabled={action.busy() || signed()} onClick={certify}>
                {signed() ? '已认证' : '签署题库难度认证'}
              </button>
            </div>
          </Show>
          <Notice ok={action.ok()} error={action.error()} />
        </section>
      )}
    </Show>
  );
}
