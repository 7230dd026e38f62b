import { Show, type JSX } from 'solid-js';
import type { SubmitReason } from '../api/types.ts';

/** Who ended the exam, in the candidate's words: they did not submit when a proctor or the clock did. */
const ENDED_BY: Record<SubmitReason, { title: string; lead: string }> = {
  candidate: { title: '您已交卷', lead: '答案已全部保存，考试结束。' },
  proctor: { title: '监考员已为您收卷', lead: '您的试卷已由监考员提交，已保存的答案全部有效，考试结束。' },
  expired: { title: '考试时间到，已自动交卷', lead: '已保存的答案全部有效，考试结束。' },
};

/** The end: calm, final, and the score only when the batch lets candidates see it. */
export function Finished(props: {
  score?: number | null | undefined;
  reason?: SubmitReason | null | undefined;
}): JSX.Element {
  const ended = () => ENDED_BY[props.reason ?? 'candidate'];
  return (
    <main class="kw-screen kw-finished">
      <h1>{ended().title}</h1>
      <p class="kw-lead">{ended().lead}</p>
      <Show when={typeof props.score === 'number'}>
        <p class="kw-score">
          理论知识成绩：<strong>{props.score}</strong> 分
        </p>
      </Show>
      <p>请按监考员的指示离开考场，不要关闭电脑。</p>
    </main>
  );
}

/** This device's token was revoked because a proctor moved the exam to another computer. */
export function Moved(): JSX.Element {
  return (
    <main class="kw-screen kw-finished">
      <h1>考试已转到另一台电脑</h1>
      <p class="kw-lead">监考员已批准换机，您的答案和剩余时间都在新电脑上继续。</p>
      <p>这台电脑不能再答题。如有疑问，请举手示意监考员。</p>
    </main>
  );
}
