import { createResource, createSignal, Show } from 'solid-js';
import { client, messageOf, ok } from '../../api.ts';
import { Notice } from '../../components/Notice.tsx';
import type { PlanView } from '../../contract.ts';
import { ApplicationsPanel } from './ApplicationsPanel.tsx';
import { EligibilityView } from './EligibilityView.tsx';
import { PanelEditor } from './PanelEditor.tsx';
import { PlanEditor } from './PlanEditor.tsx';
import './plan.css';

/**
 * 认定方案 of a batch, in the order an administrator sets it up: the assessment plan, the panels and avoidance,
 * the applications (申报信息), and the eligibility each candidate gets from them.
 */
export function ResultsSetup(props: { batchId: string }) {
  // A failed load is shown as its message (a resource in error would throw into the page's error boundary).
  const [loadError, setLoadError] = createSignal<string>();
  const load = <T,>(request: Promise<T>) => request.catch((e: unknown) => void setLoadError(messageOf(e)));
  const [plan, { mutate: setPlan }] = createResource(
    () => props.batchId,
    (batchId) => load(ok(client.batches[':batchId'].plan.$get({ param: { batchId } }))),
  );
  const [panels, { mutate: setPanels, refetch: refetchPanels }] = createResource(
    () => props.batchId,
    (batchId) => load(ok(client.batches[':batchId'].panels.$get({ param: { batchId } }))),
  );
  // Moves whenever what eligibility depends on changes (the plan, the applications).
  const [version, setVersion] = createSignal(0);
  const planSaved = (view: PlanView) => {
    setPlan(view);
    void refetchPanels();
    setVersion((v) => v + 1);
  };
  return (
    <div class="results-setup">
      <nav class="setup-steps hint" aria-label="设置步骤">
        1 认定方案 → 2 考评组与回避 → 3 申报信息 → 4 申报条件审核
      </nav>
      <Notice error={loadError()} />
      <Show
        when={plan.latest}
        fallback={
          <Show when={!loadError()}>
            <p>正在载入认定方案…</p>
          </Show>
        }
      >
        {(view) => <PlanEditor batchId={props.batchId} view={view()} onSaved={planSaved} />}
      </Show>
      <Show when={panels.latest}>
        {(setup) => <PanelEditor batchId={props.batchId} setup={setup()} onSaved={(s) => setPanels(s)} />}
      </Show>
      <ApplicationsPanel batchId={props.batchId} onImported={() => setVersion((v) => v + 1)} />
      <EligibilityView batchId={props.batchId} version={version()} />
    </div>
  );
}
