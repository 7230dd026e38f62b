import type { JSX } from 'solid-js';
import type { SyncStatus } from '../sync/answer-sync.ts';

export function saveText(status: SyncStatus, pending: number): string {
  if (status === 'offline')
    return pending > 0 ? `离线，答案已保存在本机（${pending} 条待发送）` : '离线，答案已保存在本机';
  if (status === 'saving') return '保存中…';
  return '已保存';
}

/** Always visible: the candidate can see that every choice is safe, even with the network down. */
export function SaveIndicator(props: { status: SyncStatus; pending: number }): JSX.Element {
  return (
    <p class="kw-save" data-status={props.status} data-pending={props.pending} role="status" aria-live="polite">
      <span class="kw-save-dot" aria-hidden="true" />
      {saveText(props.status, props.pending)}
    </p>
  );
}
