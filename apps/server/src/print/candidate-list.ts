import type { CandidateListView } from '@kaowu/services';
import { html } from 'hono/html';
import { type Html, page } from './pages.ts';

const COLUMNS = ['序号', '准考证号', '姓名', '身份证号', '所在单位'];

/** 职工认定名单公示, to post: the masked list, the window, and where objections go. */
export function candidateListPage(list: CandidateListView): Html {
  const { window } = list;
  const rows = list.lines.map((l, i) => {
    const cells = [i + 1, l.ticket, l.name, l.idNumber, l.unit];
    return html`<tr>${cells.map((v) => html`<td>${v}</td>`)}</tr>`;
  });
  return page(
    `考生名单公示 ${list.planNumber}`,
    html`<h1>职业技能等级认定考生名单公示</h1>
<div class="meta"><span>认定计划号：${list.planNumber}</span>
<span>公示期：${window.firstDay} 至 ${window.lastDay}（${window.days.length} 个工作日）</span></div>
<table class="sheet"><thead><tr>${COLUMNS.map((h) => html`<th>${h}</th>`)}</tr></thead>
<tbody>${rows}</tbody></table>
<p>公示期间如对上述人员的申报资格有异议，请向本企业技能等级认定工作机构实名反映。</p>
<p>为保护个人信息，姓名和身份证号码已作脱敏处理。</p>`,
  );
}
