import { createSignal, For, onMount, Show, type JSX } from 'solid-js';
import { problemOf, type Problem } from '../api/types.ts';
import type { ExamSession } from '../exam/session.ts';
import { isAnswered } from '../exam/paper-index.ts';
import { Alert } from './Alert.tsx';

type Entry = ExamSession['index']['entries'][number];

/** Item numbers as buttons that take the candidate back to the item. */
function JumpList(props: { name: string; entries: readonly Entry[]; onJump: (index: number) => void }): JSX.Element {
  return (
    <ul class="kw-jump-list" data-list={props.name}>
      <For each={props.entries}>
        {(e) => (
          <li>
            <button type="button" onClick={() => props.onJump(e.index)}>
              {e.item.number}
            </button>
          </li>
        )}
      </For>
    </ul>
  );
}

/** Before the irrevocable step: what is still unanswered or flagged, each a link back to the item. */
export function SubmitDialog(props: { session: ExamSession; onClose: () => void }): JSX.Element {
  const s = props.session;
  const unanswered = () => s.index.entries.filter((e) => !isAnswered(s.response(e.item.code)));
  const flagged = () => s.index.entries.filter((e) => s.flagged(e.item.code));
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<Problem>();
  let back!: HTMLButtonElement;
  // The focus goes to the safe choice without scrolling: the dialog opens at its top, the summary in view.
  onMount(() => back.focus({ preventScroll: true }));

  const jump = (index: number) => {
    s.goTo(index);
    props.onClose();
  };
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    const outcome = await s.submit();
    setBusy(false);
    if (outcome === 'offline')
      setError({ message: '暂时连接不上考试服务器，答案已保存在本机。请稍后再试，或举手示意监考员。' });
    else if (outcome !== 'submitted')
      setError(problemOf(outcome, '考试服务器暂时出错，未能交卷，答案已保存在本机。请稍后再试，或举手示意监考员。'));
  };
  return (
    <div class="kw-dialog-backdrop">
      <div
        class="kw-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="kw-submit-title"
        onKeyDown={(e) => e.key === 'Escape' && props.onClose()}
      >
        <h2 id="kw-submit-title">确认交卷</h2>
        <p class="kw-dialog-summary">
          共 {s.index.entries.length} 题，已答 {s.index.entries.length - unanswered().length} 题、未答{' '}
          {unanswered().length} 题、标记 {flagged().length} 题。交卷后不能再修改答案。
        </p>
        <Alert problem={error()} />
        {/* Only the lists scroll: the summary above and the buttons below stay in view however long they are. */}
        <div class="kw-dialog-lists">
          <Show when={unanswered().length > 0} fallback={<p class="kw-ok">所有题目均已作答。</p>}>
            <p class="kw-warn-text">未答的题目（点题号返回作答）：</p>
            <JumpList name="unanswered" entries={unanswered()} onJump={jump} />
          </Show>
          <Show when={flagged().length > 0}>
            <p class="kw-warn-text">标记待查的题目：</p>
            <JumpList name="flagged" entries={flagged()} onJump={jump} />
          </Show>
        </div>
        <div class="kw-dialog-actions">
          <button type="button" ref={back} onClick={() => props.onClose()} disabled={busy()}>
            返回检查
          </button>
          <button type="button" class="kw-primary kw-confirm-submit" onClick={() => void confirm()} disabled={busy()}>
            {busy() ? '正在交卷…' : '确认交卷'}
          </button>
        </div>
      </div>
    </div>
  );
}
