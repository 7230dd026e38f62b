import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { hasRole, me } from '../../session.ts';

/**
 * A batch's own view of the audit trail, for those who may read it: administrators and the batch's internal
 * supervisors (the batch view lists its staff with their duties).
 */
export function AuditLink(props: {
  batch: { planNumber: string; staff?: readonly { username: string; duty: string }[] };
}) {
  const mayRead = () =>
    hasRole('administrator') ||
    (props.batch.staff ?? []).some((s) => s.duty === 'supervisor' && s.username === me()?.username);
  return (
    <Show when={mayRead()}>
      <A class="right" href={`/audit?${new URLSearchParams({ batch: props.batch.planNumber })}`}>
        本批次审计记录
      </A>
    </Show>
  );
}
