import { ItemView } from '@kaowu/item-view';
import { createSignal, For, onCleanup, onMount, Show, type JSX } from 'solid-js';
import { Alert } from '../components/Alert.tsx';
import { AnswerSheet } from '../components/AnswerSheet.tsx';
import { Countdown } from '../components/Countdown.tsx';
import { TimeAnnouncer } from '../components/TimeAnnouncer.tsx';
import { LockCover, type LockReason } from '../components/LockCover.tsx';
import { SaveIndicator } from '../components/SaveIndicator.tsx';
import { SubmitDialog } from '../components/SubmitDialog.tsx';
import type { Assets } from '../exam/assets.ts';
import { keyAction } from '../exam/keyboard.ts';
import { optionCount } from '../exam/paper-index.ts';
import type { ExamSession } from '../exam/session.ts';
import { FONT_SIZE_NAMES, FONT_SIZES } from '../exam/ui-store.ts';
import { enterFullscreen, hasFocus, isFullscreen } from '../lockdown.ts';

/** The exam: one item at a time, the answer sheet beside it, time and save state always in view. */
export function Exam(props: { session: ExamSession; assets: Assets }): JSX.Element {
  const s = props.session;
  // A reload or closing hides the page (and ends fullscreen) on its way out: that is not the candidate leaving
  // the exam, and the reloaded page reports the lost fullscreen itself.
  let leaving = false;
  const onPageHide = (e: PageTransitionEvent) => (leaving = e.type === 'pagehide');
  /**
   * A lockdown state (fullscreen, focus) as a signal, read again on every event that may change it; a real change
   * is reported to the server, none while the page is going away.
   */
  const watch = (read: () => boolean, report: (now: boolean) => void) => {
    const [value, setValue] = createSignal(read());
    const onChange = () => {
      if (leaving) return;
      const now = read();
      if (now === value()) return;
      setValue(now);
      report(now);
    };
    return [value, onChange] as const;
  };
  const [fullscreen, onFullscreenChange] = watch(
    () => isFullscreen(document),
    (now) => s.report(now ? 'fullscreen_enter' : 'fullscreen_exit'),
  );
  const [focused, onFocusChange] = watch(
    () => hasFocus(document),
    (now) => s.report(now ? 'focus_back' : document.visibilityState === 'hidden' ? 'visibility_hidden' : 'focus_loss'),
  );
  const [dialog, setDialog] = createSignal(false);
  const lock = (): LockReason | undefined =>
    s.timeUp() ? 'time_up' : s.paused() ? 'paused' : !fullscreen() ? 'fullscreen' : !focused() ? 'focus' : undefined;
  const entry = () => s.index.entries[s.current()]!;
  const section = () => s.index.sections[entry().section]!;
  const onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented || dialog() || lock() !== undefined || e.target instanceof HTMLInputElement) return;
    // Enter on a focused control (标记, 上一题…) presses it; anywhere else, and on an option, it chooses.
    if (e.key === 'Enter' && e.target instanceof HTMLButtonElement && !e.target.classList.contains('kw-option')) return;
    const action = keyAction(e, optionCount(entry().item));
    if (action === undefined) return;
    e.preventDefault();
    switch (action.kind) {
      case 'previous':
        return s.move(-1);
      case 'next':
        return s.move(1);
      case 'cursor':
        return s.moveCursor(action.delta);
      case 'toggle-cursor':
        return s.chooseOption(s.cursor());
      case 'choose':
        return s.chooseOption(action.option);
      case 'flag':
        return s.toggleFlag();
    }
  };

  // One table for adding and removing, so the two can never drift apart.
  const listeners: readonly [Document | Window, string, (e: never) => void][] = [
    [document, 'fullscreenchange', onFullscreenChange],
    [document, 'visibilitychange', onFocusChange],
    [window, 'blur', onFocusChange],
    [window, 'focus', onFocusChange],
    [window, 'resize', onFullscreenChange],
    [window, 'pagehide', onPageHide],
    [window, 'pageshow', onPageHide],
    [document, 'keydown', onKey],
  ];
  onMount(() => {
    for (const [target, type, handler] of listeners) target.addEventListener(type, handler as EventListener);
    // Leaving fullscreen while the page was closed (a reload) is reported too: the exam was on, the paper was open.
    if (!fullscreen()) s.report('fullscreen_exit', { atLoad: true });
  });
  onCleanup(() => {
    for (const [target, type, handler] of listeners) target.removeEventListener(type, handler as EventListener);
  });

  const noFocusSteal = (e: MouseEvent) => e.preventDefault();

  return (
    <div class={`kw-exam kw-font-${s.fontSize()}`}>
      <header class="kw-bar">
        <p class="kw-who">
          {s.info.name}
          <span class="kw-muted">
            准考证号 {s.info.ticket}
            {s.info.seat > 0 ? ` · ${s.info.seat} 号座位` : ''}
          </span>
        </p>
        <Countdown remainingMs={s.remainingMs()} paused={s.paused()} />
        <TimeAnnouncer remainingMs={s.remainingMs()} />
        <SaveIndicator status={s.syncStatus()} pending={s.pending()} />
        <fieldset class="kw-font" aria-label="字号">
          <For each={FONT_SIZES}>
            {(size) => (
              <button
                type="button"
                aria-pressed={s.fontSize() === size}
                onMouseDown={noFocusSteal}
                onClick={() => s.setFontSize(size)}
              >
                {FONT_SIZE_NAMES[size]}
              </button>
            )}
          </For>
        </fieldset>
        <button type="button" class="kw-submit" disabled={lock() !== undefined} onClick={() => setDialog(true)}>
          交卷
        </button>
      </header>
      <Show when={s.warning()}>
        {(minutes) => (
          <div class="kw-warning" role="alert">
            距离考试结束还有 {minutes()} 分钟，请抓紧时间检查答案。
            <button type="button" onMouseDown={noFocusSteal} onClick={() => s.dismissWarning()}>
              知道了
            </button>
          </div>
        )}
      </Show>
      <Alert problem={props.assets.problem()} retry={() => void props.assets.retry()} />
      <Show
        when={lock() === undefined}
        fallback={
          <LockCover
            reason={lock()!}
            onFullscreen={() => void enterFullscreen(document).then(onFullscreenChange)}
            onFocus={() => window.focus()}
          />
        }
      >
        <div class="kw-body">
          <main class="kw-paper">
            {/* The item's own head says its type and points: this line says only where the candidate is. */}
            <p class="kw-where">
              第 {s.current() + 1} / {s.index.entries.length} 题 · 本部分共 {section().count} 题
            </p>
            <ItemView
              item={entry().item}
              response={s.response(entry().item.code)}
              onRespond={(r) => s.respond(entry().item.code, r)}
              cursor={s.cursor()}
              assetUrl={props.assets.url}
            />
            <div class="kw-nav">
              <button type="button" onMouseDown={noFocusSteal} disabled={s.current() === 0} onClick={() => s.move(-1)}>
                ← 上一题
              </button>
              <button
                type="button"
                class="kw-flag"
                onMouseDown={noFocusSteal}
                aria-pressed={s.flagged(entry().item.code)}
                onClick={() => s.toggleFlag()}
              >
                {s.flagged(entry().item.code) ? '取消标记' : '标记待查'}
              </button>
              <button
                type="button"
                onMouseDown={noFocusSteal}
                disabled={s.current() === s.index.entries.length - 1}
                onClick={() => s.move(1)}
              >
                下一题 →
              </button>
            </div>
            <p class="kw-keys">键盘：← → 换题，A–H 或 1–8 选择，↑ ↓ 移动，空格或回车 选中，M 标记</p>
          </main>
          <AnswerSheet session={s} />
        </div>
        <Show when={dialog()}>
          <SubmitDialog session={s} onClose={() => setDialog(false)} />
        </Show>
      </Show>
    </div>
  );
}
