import { SAVE_GRACE_MS } from './clock.ts';

/**
 * The rules shown on the confirmation screen (考场规则), from the server so that every client states the same
 * thing, with this attempt's duration in it.
 */
export function examRules(durationMinutes: number): string[] {
  return [
    `考试时长 ${durationMinutes} 分钟，从点击“开始答题”起计时（以服务器时间为准，不超过本场考试的结束时间）；` +
      `时间到系统自动交卷（网络延迟宽限 ${SAVE_GRACE_MS / 1000} 秒）。`,
    '考试期间须保持全屏。离开全屏或切换窗口时试卷会被遮挡，并会通知监考员。',
    '答案选择后自动保存，无需另外点击“保存”。网络中断时答案保存在本机，恢复后自动发送。',
    '不得复制、粘贴、打印试题，不得使用手机等通讯工具。',
    '提前交卷后不能再修改答案。',
    '遇到任何问题，请举手示意监考员。',
  ];
}
