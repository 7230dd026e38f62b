import { accommodationText } from '@kaowu/domain/browser';
import { createResource, createSignal, For, Show, type JSX } from 'solid-js';
import type { AttemptInfo } from '../api/types.ts';
import type { Waiting } from '../exam/waiting.ts';
import { formatRemaining } from '../sync/server-clock.ts';
import { Alert } from '../components/Alert.tsx';

export const DEFAULT_RULES: readonly string[] = [
  '考试期间须保持全屏。离开全屏或切换窗口时试卷会被遮挡，并会通知监考员。',
  '答案选择后自动保存，无需另外点击“保存”。网络中断时答案保存在本机，恢复后自动发送。',
  '不得复制、粘贴、打印试题，不得使用手机等通讯工具。',
  '考试时间到，系统自动交卷。提前交卷后不能再修改答案。',
  '遇到任何问题，请举手示意监考员。',
];

/**
 * Who is sitting and where, the rules, and the start button (enabled while the room runs). No clock runs on
 * this screen: the candidate's time starts when the server has accepted 开始答题.
 */
export function Confirm(props: {
  info: AttemptInfo;
  waiting: Waiting;
  /** `consent`: the candidate agreed to 开考拍照 (only asked when the batch takes a frame). */
  onStart: (consent: boolean) => void;
  /** The roster photo (a data: URL), asked for only when the roster has one. */
  photo?: () => Promise<string>;
}): JSX.Element {
  const info = () => props.info;
  const [consent, setConsent] = createSignal(false);
  // A photo that fails to load is left out: the proctor checks identities at the seat anyway.
  const [photo] = createResource(
    () => (info().hasPhoto && props.photo ? props.photo : undefined),
    (load) => load().catch(() => undefined),
  );
  const w = props.waiting;
  const rules = () => (info().rules?.length ? info().rules! : DEFAULT_RULES);
  const paper = () =>
    info().paperTitle === undefined
      ? ''
      : `${info().paperTitle}（共 ${info().itemCount ?? 0} 题，满分 ${info().totalScore ?? 0} 分）`;
  // The window's end cuts the time of a late start: say so before the click.
  const cut = () => {
    const s = w.state();
    return s.status === 'not_started' &&
      info().durationMinutes > 0 &&
      s.remainingMs < info().durationMinutes * 60_000 - 60_000
      ? s.remainingMs
      : undefined;
  };
  // Started already (a start whose answer was lost): the clock runs, the click only opens the paper.
  const running = () => w.state().status === 'in_progress';
  // Rows the server did not send are left out rather than shown empty.
  const facts = (): [string, string][] =>
    (
      [
        ['姓名', info().name],
        ['身份证号', info().idNumberMasked],
        ['准考证号', info().ticket],
        ['职业（工种）', info().occupation],
        ['等级', info().level],
        ['考场', info().room],
        ['座位', info().seat > 0 ? `${info().seat} 号` : ''],
        ['试卷', paper()],
        ['考试时长', info().durationMinutes > 0 ? `${info().durationMinutes} 分钟` : ''],
        ['便利安排', info().accommodation ? accommodationText(info().accommodation) : ''],
      ] as [string, string][]
    ).filter(([, value]) => value !== '');
  return (
    <main class="kw-screen kw-confirm">
      <h1>请核对考生信息</h1>
      <Show when={photo()}>{(src) => <img class="kw-photo" src={src()} alt={`${info().name} 的名单照片`} />}</Show>
      <dl class="kw-facts">
        <For each={facts()}>
          {([label, value]) => (
            <>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </>
          )}
        </For>
      </dl>
      <section class="kw-rules">
        <h2>考场规则</h2>
        <ol>
          <For each={rules()}>{(rule) => <li>{rule}</li>}</For>
        </ol>
      </section>
      <p class="kw-lead">信息有误请举手示意监考员。确认无误后点击“开始答题”，考试将进入全屏，并从此时开始计时。</p>
      <Show when={cut()}>
        {(left) => (
          <p class="kw-notice" role="status">
            本场考试即将结束：现在开始，可答题 {formatRemaining(left())}。
          </p>
        )}
      </Show>
      <Show when={running()}>
        <p class="kw-notice" role="status">
          考试已开始计时，请点击“开始答题”进入试卷。
        </p>
      </Show>
      <Show when={w.paused()}>
        <p class="kw-notice" role="status">
          考场暂停中，请等待监考员
        </p>
      </Show>
      <Show when={info().webcamFrame}>
        <section class="kw-consent" aria-label="开考拍照">
          <h2>开考拍照</h2>
          <p>
            点击“开始答题”时，将用本机摄像头拍摄一张照片，供监考员与名单照片核对（系统不做人脸识别，由监考员人工核对）。
            不同意也可以开始答题，监考员会到座位核对身份。
          </p>
          <label>
            <input type="checkbox" checked={consent()} onChange={(e) => setConsent(e.currentTarget.checked)} />
            我同意开考时拍摄一张照片
          </label>
        </section>
      </Show>
      <Alert problem={w.problem()} />
      <button
        type="button"
        class="kw-primary kw-start"
        disabled={w.paused() || w.starting()}
        aria-busy={w.starting()}
        onClick={() => props.onStart(consent())}
      >
        开始答题
      </button>
    </main>
  );
}
