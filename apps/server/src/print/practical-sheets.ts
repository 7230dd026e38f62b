import type { PracticalSheet } from '@kaowu/services';
import { html, raw } from 'hono/html';
import QRCode from 'qrcode';
import { type Html, page } from './pages.ts';

const SHEET_STYLE = raw(`<style>
.practical { page-break-after: always; break-after: page; }
.practical .head { display: flex; gap: 4mm; align-items: flex-start; margin-bottom: 3mm; }
.practical .head table { flex: 1; }
.practical .photo { width: 25mm; height: 32mm; border: 1px dashed #000; display: flex; align-items: center;
  justify-content: center; font-size: 9pt; text-align: center; }
.practical .photo img { width: 25mm; height: 32mm; object-fit: cover; }
.practical .qr { width: 28mm; text-align: center; font-size: 8pt; }
.practical .qr svg { width: 26mm; height: 26mm; }
.practical .num { text-align: right; width: 20mm; }
.practical .sign { margin-top: 8mm; display: flex; justify-content: space-between; }
</style>`);

/** The sheet's QR code as inline SVG: it carries the sheet's id, which score entry asks for. */
const qr = async (id: string): Promise<string> =>
  QRCode.toString(id, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' });

async function sheetHtml(s: PracticalSheet): Promise<Html> {
  const rows = s.criteria.map(
    (c, i) => html`<tr><td>${i + 1}</td><td>${c.name}</td><td class="num">${c.points}</td><td class="num"></td></tr>`,
  );
  return html`<section class="practical">
<h1>${s.component.name} 实操考评表</h1>
<div class="head">
  ${
    s.photo
      ? html`<div class="photo"><img src="/api/candidates/${s.candidate.id}/photo" alt="${s.candidate.name} 的照片"></div>`
      : html`<div class="photo">无照片<br>（贴照片处）</div>`
  }
  <table>
    <tr><th>准考证号</th><td>${s.candidate.ticket}</td><th>姓名</th><td>${s.candidate.name}</td></tr>
    <tr><th>认定职业</th><td>${s.occupation}</td><th>等级</th><td>${s.level}</td></tr>
    <tr><th>考场</th><td>${s.room.code} ${s.room.name}</td><th>认定计划号</th><td>${s.planNumber}</td></tr>
    <tr><th>考评员</th><td colspan="3">${s.assessor.name}</td></tr>
  </table>
  <div class="qr">${raw(await qr(s.id))}<div>${s.id}</div></div>
</div>
<table class="sheet">
  <thead><tr><th>序号</th><th>考评内容</th><th class="num">配分</th><th class="num">得分</th></tr></thead>
  <tbody>${rows}<tr><th colspan="2">合计</th><td class="num">100</td><td class="num"></td></tr></tbody>
</table>
<div class="sign"><span>考评员签名：__________________</span><span>日期：______年____月____日</span></div>
</section>`;
}

/** A room's practical score sheets in one go: one page per candidate × assessor (理论试卷及实操考评表一人一份). */
export async function practicalSheetsPage(sheets: readonly PracticalSheet[]): Promise<Html> {
  const first = sheets[0];
  const title = first ? `实操考评表 ${first.planNumber} 考场 ${first.room.code}` : '实操考评表';
  const body = await Promise.all(sheets.map(sheetHtml));
  return page(title, html`${SHEET_STYLE}${body}`);
}
