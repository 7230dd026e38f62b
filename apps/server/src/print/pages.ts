import { chinaTime, LEVELS, maskIdNumber, SEX_NAMES, type LevelCode } from '@kaowu/domain';
import type { RoomPlan } from '@kaowu/services';
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const STYLE = raw(`<style>
@page { size: A4; margin: 12mm; }
body {
  font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", sans-serif; font-size: 11pt; color: #000;
}
h1 { font-size: 16pt; text-align: center; margin: 0 0 4mm; }
.ticket { border: 1px solid #000; padding: 6mm; margin-bottom: 8mm; page-break-inside: avoid; break-inside: avoid; }
.ticket:nth-of-type(2n) { page-break-after: always; break-after: page; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 1px solid #000; padding: 2mm 3mm; text-align: left; }
.rules { font-size: 9pt; margin-top: 3mm; }
.sheet th, .sheet td { height: 9mm; }
.meta { display: flex; justify-content: space-between; margin-bottom: 3mm; }
.seats { table-layout: fixed; }
.seats td { height: 20mm; vertical-align: top; text-align: center; }
.seats .no { font-size: 16pt; font-weight: bold; }
.seats .empty { color: #888; }
.front { text-align: center; border: 1px solid #000; padding: 2mm; margin-bottom: 4mm; }
.photo { width: 27mm; text-align: center; vertical-align: middle; padding: 1mm; }
.photo img { width: 25mm; height: 33mm; object-fit: cover; display: block; margin: auto; }
.sheet .photo img { width: 12mm; height: 16mm; }
.no-photo { font-size: 8pt; color: #555; }
</style>`);

/**
 * The roster photo of a seat plan entry (served to the signed-in staff member by the API), or the place to paste
 * one. Print pages run no script: a photo is linked only when the roster has it.
 */
const photoCell = (c: RoomPlan['candidates'][number], rows = 1): Html =>
  c.photo
    ? html`<td class="photo" rowspan="${rows}"><img src="/api/candidates/${c.candidateId}/photo" alt="${c.name} 的照片"></td>`
    : html`<td class="photo no-photo" rowspan="${rows}">无照片<br>（贴照片处）</td>`;

export const page = (title: string, body: Html) => html`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title>${STYLE}</head><body>${body}</body></html>`;

const levelName = (level: number): string => {
  const l = LEVELS[level as LevelCode];
  return l ? `${l.name}/${l.title}` : String(level);
};

const examTime = (p: RoomPlan): string => `${chinaTime(p.window.startsAt)} 至 ${chinaTime(p.window.endsAt)}`;

/** What every candidate reads on the ticket before the day. */
const TICKET_RULES =
  '考生须凭本准考证和有效身份证件入场，按座位号就座；登录考试系统时输入准考证号和身份证号。' +
  '考试时间由服务器计时，答案随作随存；离开考场前须确认已交卷。';

const sexName = (sex: string): string => (SEX_NAMES as Readonly<Record<string, string>>)[sex] ?? sex;

/** 准考证: one per candidate, two to an A4 page. */
export function ticketsPage(plans: readonly RoomPlan[]): Html {
  const tickets = plans.flatMap((p) =>
    p.candidates.map((c) => {
      const seat = `${c.seat}${c.form ? ` （${c.form} 卷）` : ''}`;
      return html`<section class="ticket">
  <h1>${p.batch.name} 准考证</h1>
  <table>
    <tr><th>准考证号</th><td>${c.ticket}</td><th>姓名</th><td>${c.name}</td>${photoCell(c, 6)}</tr>
    <tr><th>身份证号</th><td>${c.idNumber}</td><th>性别</th><td>${sexName(c.sex)}</td></tr>
    <tr><th>认定职业</th><td>${p.batch.occupationCode}</td><th>等级</th><td>${levelName(p.batch.level)}</td></tr>
    <tr><th>考场</th><td>${p.room.code} ${p.room.name}</td><th>座位号</th><td>${seat}</td></tr>
    <tr><th>考试时间</th><td colspan="3">${examTime(p)}（北京时间）</td></tr>
    <tr><th>认定计划号</th><td colspan="3">${p.batch.planNumber}</td></tr>
  </table>
  <p class="rules">${TICKET_RULES}</p>
</section>`;
    }),
  );
  return page('准考证', html`${tickets}`);
}

/** The line above a room's sheet or chart: its plan number, the room (as the page words it) and the exam time. */
const meta = (plan: RoomPlan, room: string): Html => {
  const parts = [`认定计划号：${plan.batch.planNumber}`, `考场：${room}`, `考试时间：${examTime(plan)}`];
  return html`<div class="meta">${parts.map((s) => html`<span>${s}</span>`)}</div>`;
};

const SIGN_IN_COLUMNS = ['序号', '座位号', '试卷', '准考证号', '姓名', '照片', '身份证号', '签名', '备注'];

/** 考场签到表: seat order, masked ID numbers, a column to sign. */
export function signInSheetPage(plan: RoomPlan): Html {
  const rows = plan.candidates.map((c, i) => {
    const before = [i + 1, c.seat, c.form ?? '', c.ticket, c.name];
    const after = [maskIdNumber(c.idNumber), '', [c.absent ? '缺考' : '', c.accommodation].filter(Boolean).join('；')];
    const td = (v: string | number) => html`<td>${v}</td>`;
    return html`<tr>${before.map(td)}${photoCell(c)}${after.map(td)}</tr>`;
  });
  const header = SIGN_IN_COLUMNS.map((h) => html`<th>${h}</th>`);
  return page(
    `考场签到表 ${plan.room.code}`,
    html`<h1>${plan.batch.name} 考场签到表</h1>
${meta(plan, `${plan.room.code} ${plan.room.name}`)}
<table class="sheet"><thead><tr>${header}</tr></thead>
<tbody>${rows}</tbody></table>
<p>监考签名：__________________ __________________　　日期：__________</p>`,
  );
}

/**
 * 考场座次表, to post at the door and on the proctor's desk: the room as seen from the front, seat by seat (row
 * by row, as the seat plan numbers them), with the form at each seat and the candidate's 准考证号 and name.
 */
export function seatingChartPage(plan: RoomPlan): Html {
  const { seats, rows } = plan.room;
  const bySeat = new Map(plan.candidates.map((c) => [c.seat, c]));
  const cell = (seat: number) => {
    const c = bySeat.get(seat);
    if (!c) return html`<td class="empty"><div class="no">${seat}</div><div>空座</div></td>`;
    const who = `${c.name}${c.form ? `（${c.form} 卷）` : ''}${c.absent ? ' 缺考' : ''}`;
    return html`<td><div class="no">${seat}</div><div>${c.ticket}</div><div>${who}</div></td>`;
  };
  const room = `${plan.room.code} ${plan.room.name}（${plan.candidates.length} 人 / ${seats} 座）`;
  return page(
    `考场座次表 ${plan.room.code}`,
    html`<h1>${plan.batch.name} 考场座次表</h1>
${meta(plan, room)}
<div class="front">讲台（监考）</div>
<table class="seats"><tbody>${rows.map((r) => html`<tr>${r.map(cell)}</tr>`)}</tbody></table>`,
  );
}
