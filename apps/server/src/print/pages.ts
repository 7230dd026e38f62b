import { chinaTime, LEVELS, maskIdNumber, SEX_NAMES, type LevelCode } from '@kaowu/domain';
import type { RoomPlan } from '@kaowu/services';
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const STYLE = raw(`<style>
@page { size: A4; margin: 12mm; }
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", sans-serif; font-size: 11pt; color: #000; }
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
</style>`);

const page = (title: string, body: Html) => html`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title>${STYLE}</head><body>${body}</body></html>`;

const levelName = (level: number): string => {
  const l = LEVELS[level as LevelCode];
  return l ? `${l.name}/${l.title}` : String(level);
};

/** 准考证: one per candidate, two to an A4 page. */
export function ticketsPage(plans: readonly RoomPlan[]): Html {
  const tickets = plans.flatMap((p) =>
    p.candidates.map(
      (c) => html`<section class="ticket">
  <h1>${p.batch.name} 准考证</h1>
  <table>
    <tr><th>准考证号</th><td>${c.ticket}</td><th>姓名</th><td>${c.name}</td></tr>
    <tr><th>身份证号</th><td>${c.idNumber}</td><th>性别</th><td>${(SEX_NAMES as Readonly<Record<string, string>>)[c.sex] ?? c.sex}</td></tr>
    <tr><th>认定职业</th><td>${p.batch.occupationCode}</td><th>等级</th><td>${levelName(p.batch.level)}</td></tr>
    <tr><th>考场</th><td>${p.room.code} ${p.room.name}</td><th>座位号</th><td>${c.seat}${c.form ? ` （${c.form} 卷）` : ''}</td></tr>
    <tr><th>考试时间</th><td colspan="3">${chinaTime(p.window.startsAt)} 至 ${chinaTime(p.window.endsAt)}（北京时间）</td></tr>
    <tr><th>认定计划号</th><td colspan="3">${p.batch.planNumber}</td></tr>
  </table>
  <p class="rules">考生须凭本准考证和有效身份证件入场，按座位号就座；登录考试系统时输入准考证号和身份证号。考试时间由服务器计时，答案随作随存；离开考场前须确认已交卷。</p>
</section>`,
    ),
  );
  return page('准考证', html`${tickets}`);
}

/** 考场签到表: seat order, masked ID numbers, a column to sign. */
export function signInSheetPage(plan: RoomPlan): Html {
  const rows = plan.candidates.map(
    (c, i) =>
      html`<tr><td>${i + 1}</td><td>${c.seat}</td><td>${c.form ?? ''}</td><td>${c.ticket}</td><td>${c.name}</td><td>${maskIdNumber(c.idNumber)}</td><td></td><td>${c.absent ? '缺考' : ''}</td></tr>`,
  );
  return page(
    `考场签到表 ${plan.room.code}`,
    html`<h1>${plan.batch.name} 考场签到表</h1>
<div class="meta"><span>认定计划号：${plan.batch.planNumber}</span><span>考场：${plan.room.code} ${plan.room.name}</span><span>考试时间：${chinaTime(plan.window.startsAt)} 至 ${chinaTime(plan.window.endsAt)}</span></div>
<table class="sheet"><thead><tr><th>序号</th><th>座位号</th><th>试卷</th><th>准考证号</th><th>姓名</th><th>身份证号</th><th>签名</th><th>备注</th></tr></thead>
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
    return c
      ? html`<td><div class="no">${seat}</div><div>${c.ticket}</div><div>${c.name}${c.form ? `（${c.form} 卷）` : ''}${c.absent ? ' 缺考' : ''}</div></td>`
      : html`<td class="empty"><div class="no">${seat}</div><div>空座</div></td>`;
  };
  return page(
    `考场座次表 ${plan.room.code}`,
    html`<h1>${plan.batch.name} 考场座次表</h1>
<div class="meta"><span>认定计划号：${plan.batch.planNumber}</span><span>考场：${plan.room.code} ${plan.room.name}（${plan.candidates.length} 人 / ${seats} 座）</span><span>考试时间：${chinaTime(plan.window.startsAt)} 至 ${chinaTime(plan.window.endsAt)}</span></div>
<div class="front">讲台（监考）</div>
<table class="seats"><tbody>${rows.map((r) => html`<tr>${r.map(cell)}</tr>`)}</tbody></table>`,
  );
}
