import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { mayInBatch } from '../../permissions.ts';

/**
 * A batch's own view of the audit trail, for those the permission table lets read it (administrators and the
 * batch's internal supervisors; the batch view lists its staff with their duties).
 */
export function AuditLink(props: {
  batch: { planNumber: string; staff?: readonly { username: string; duty: string }[] };
}) {
  const mayRead = () => mayInBatch('audit.read', props.batch);
  return (
    <Show when={mayRead()}>
      <A class="right" href={`/audit?${new URLSearchParams({ batch: props.batch.planNumber })}`}>
        本批次审计记录
      </A>
    </Show>
  );
}
