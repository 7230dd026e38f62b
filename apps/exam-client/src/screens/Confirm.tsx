import { For, Show, type JSX } from 'solid-js';
import type { ExamSession } from '../exam/session.ts';

export const DEFAULT_RULES: readonly string[] = [
  '考试期间须保持全屏。离开全屏或切换窗口时试卷会被遮挡，并会通知监考老师。',
  '答案选择后自动保存，无需另外点击“保存”。网络中断时答案保存在本机，恢复后自动发送。',
  '不得复制、粘贴、打印试题，不得使用手机等通讯工具。',
  '考试时间到，系统自动交卷。提前交卷后不能再修改答案。',
  '遇到任何问题，请举手示意监考老师。',
];

/** Who is sitting and where, the rules, and the start button (enabled while the room runs). */
export function Confirm(props: { session: ExamSession; onStart: () => void }): JSX.Element {
  const info = () => props.session.info;
  const rules = () => (info().rules?.length ? info().rules! : DEFAULT_RULES);
  const paper = () => props.session.paper;
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
        ['试卷', `${paper().title}（共 ${props.session.index.entries.length} 题，满分 ${paper().totalScore} 分）`],
        ['考试时长', `${info().durationMinutes || paper().durationMinutes} 分钟`],
      ] as [string, string][]
    ).filter(([, value]) => value !== '');
  return (
    <main class="kw-screen kw-confirm">
      <h1>请核对考生信息</h1>
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
      <p class="kw-lead">信息有误请举手示意监考老师。确认无误后点击“开始答题”，考试将进入全屏。</p>
      <Show when={props.session.paused()}>
        <p class="kw-notice" role="status">
          考场暂停中，请等待监考老师
        </p>
      </Show>
      <button type="button" class="kw-primary kw-start" disabled={props.session.paused()} onClick={() => props.onStart()}>
        开始答题
      </button>
    </main>
  );
}
