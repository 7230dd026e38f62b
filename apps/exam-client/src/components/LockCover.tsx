import { Match, onMount, Switch, type JSX } from 'solid-js';

export type LockReason = 'time_up' | 'paused' | 'fullscreen' | 'focus';

/** Covers the whole paper (it is not just dimmed: the items are removed from view) until the reason is gone. */
export function LockCover(props: { reason: LockReason; onFullscreen: () => void; onFocus: () => void }): JSX.Element {
  let box!: HTMLDivElement;
  // The way back is one Enter away for a keyboard user.
  onMount(() => box.querySelector('button')?.focus());
  return (
    <div class="kw-cover" role="alertdialog" aria-modal="true" data-reason={props.reason} ref={box}>
      <div class="kw-cover-box">
        <Switch>
          <Match when={props.reason === 'time_up'}>
            <h2>考试时间到</h2>
            <p>正在收卷，请稍候，不要关闭电脑。</p>
          </Match>
          <Match when={props.reason === 'paused'}>
            <h2>考试已暂停</h2>
            <p>计时已停止，请在座位上等待监考员的指示。</p>
          </Match>
          <Match when={props.reason === 'fullscreen'}>
            <h2>请回到全屏状态继续答题</h2>
            <p>答题时必须保持全屏。离开全屏已通知监考员。</p>
            <button type="button" class="kw-primary" onClick={() => props.onFullscreen()}>
              进入全屏，继续答题
            </button>
          </Match>
          <Match when={props.reason === 'focus'}>
            <h2>请回到考试窗口</h2>
            <p>考试窗口失去焦点已通知监考员。</p>
            <button type="button" class="kw-primary" onClick={() => props.onFocus()}>
              继续答题
            </button>
          </Match>
        </Switch>
      </div>
    </div>
  );
}
