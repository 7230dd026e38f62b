import { useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, on, Show } from 'solid-js';
import { ApiError, client, download as downloadFile, messageOf, ok } from '../../api.ts';
import { ErrorCodeOf, Notice } from '../../components/Notice.tsx';
import { createAction } from '../../components/run.ts';
import { may } from '../../permissions.ts';
import { apiQuery, filterFromParams, paramsOf, verificationText, type AuditFilterForm } from './audit-filter.ts';
import { AuditFilters } from './AuditFilters.tsx';
import { AuditTable } from './AuditTable.tsx';
import type { AuditRecord, AuditVerification } from './types.ts';
import './audit.css';

/**
 * /audit — the audit trail (审计记录): administrators read all of it, verify the hash chain and export; a batch's
 * internal supervisors read their batches' records (the server decides, and says why to anyone else).
 */
export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const filter = createMemo(() => filterFromParams(params), undefined, {
    equals: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  });
  const [vocabulary] = createResource(() => ok(client.audit.labels.$get()));
  const [batches] = createResource(() => ok(client.batches.$get()));
  // The path is never empty, so the resource always fetches (an empty source would not).
  const [first] = createResource(
    () => apiQuery(filter()),
    (query) => ok(client.audit.$get({ query: Object.fromEntries(new URLSearchParams(query)) })),
  );
  const [older, setOlder] = createSignal<AuditRecord[]>([]);
  const [cursor, setCursor] = createSignal<number | null>(null);
  createEffect(
    on(
      () => (first.error ? undefined : first.latest),
      (page) => {
        setOlder([]);
        setCursor(page?.next ?? null);
      },
    ),
  );
  const page = () => (first.error ? undefined : first.latest);
  const records = () => [...(page()?.records ?? []), ...older()];

  const more = createAction();
  const loadOlder = () =>
    void more.run(async () => {
      const asked = filter();
      const next = await ok(
        client.audit.$get({ query: Object.fromEntries(new URLSearchParams(apiQuery(asked, { before: cursor() }))) }),
      );
      // A filter changed while this page loaded belongs to another list.
      if (asked !== filter()) return;
      setOlder([...older(), ...next.records]);
      setCursor(next.next);
    });

  const check = createAction();
  const [verification, setVerification] = createSignal<AuditVerification>();
  const verify = () => void check.run(async () => setVerification(await ok(client.audit.verify.$get())));
  const exporting = createAction();
  const download = () =>
    void exporting.run(
      () => downloadFile(`/audit/export?${apiQuery(filter())}`, '审计记录.xlsx'),
      () => '已导出当前筛选的全部记录',
    );

  const apply = (form: AuditFilterForm) => setParams(paramsOf(form));
  // Refused with no filter at all: this user may not read the trail, so there is nothing to filter. Refused with a
  // filter (another batch's records), the filter stays so it can be changed.
  const noAccess = () =>
    first.error instanceof ApiError &&
    first.error.status === 403 &&
    Object.values(paramsOf(filter())).every((v) => v === undefined);

  return (
    <section class="audit" aria-label="审计记录">
      <header class="row">
        <h2>审计记录</h2>
        <span class="right row">
          <Show when={may('audit.verify')}>
            <button type="button" disabled={check.busy()} onClick={verify}>
              {check.busy() ? '正在校验…' : '校验审计链'}
            </button>
          </Show>
          <button type="button" disabled={exporting.busy() || !page()} onClick={download}>
            导出审计记录
          </button>
        </span>
      </header>
      <Show when={verification()}>
        {(v) => {
          const said = () => verificationText(v());
          return (
            <Show
              when={said().intact}
              fallback={
                <p class="notice error" role="alert" aria-label="审计链校验结果">
                  {said().text}
                </p>
              }
            >
              <p class="notice ok" role="status" aria-label="审计链校验结果">
                {said().text}
              </p>
            </Show>
          );
        }}
      </Show>
      <Notice error={check.error()} />
      <Notice ok={exporting.ok()} error={exporting.error()} />
      <Show when={first.error}>
        {(e) => (
          <p class="notice error" role="alert">
            无法查看审计记录：{messageOf(e())}
            <ErrorCodeOf error={e()} />
          </p>
        )}
      </Show>
      <Show when={!noAccess()}>
        <AuditFilters
          value={filter()}
          vocabulary={vocabulary.error ? undefined : vocabulary.latest}
          batches={batches.error ? undefined : batches.latest}
          onApply={apply}
        />
      </Show>
      <Show when={!first.error}>
        <Show when={page()?.limitedTo}>
          {(batchesSeen) => (
            <p class="notice warn">
              您是内部督导员：只显示您督导的批次（
              {batchesSeen()
                .map((b) => b.planNumber)
                .join('、')}
              ）的记录。
            </p>
          )}
        </Show>
        <Show when={page()} fallback={<p>正在载入审计记录…</p>}>
          <AuditTable records={records()} />
          <p class="row" aria-live="polite">
            <span class="hint">
              已显示 {records().length} 条
              {cursor() === null ? (records().length === 0 ? '：没有符合条件的记录' : '，已到最早的记录') : ''}
            </span>
            <Show when={cursor() !== null}>
              <button type="button" disabled={more.busy()} onClick={loadOlder}>
                {more.busy() ? '正在载入…' : '加载更早的记录'}
              </button>
            </Show>
          </p>
          <Notice error={more.error()} />
        </Show>
      </Show>
    </section>
  );
}
