import type { PublicAnswer } from '@kaowu/services';

/**
 * The public certificate query page (证书查询), rendered on the server: no script, no staff sign-in. The
 * "nothing found" page is the same bytes whatever was asked, so it tells an unknown number from a wrong name
 * in no way; the inputs are never echoed.
 */
const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

export const VERIFY_CSS = `
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
  sans-serif; margin: 0; background: #f6f4f0; color: #222; }
main { max-width: 560px; margin: 32px auto; background: #fff; padding: 24px 28px; border-radius: 8px;
  box-shadow: 0 1px 4px rgba(0,0,0,.12); }
h1 { font-size: 22px; margin: 0 0 16px; color: #8a1c1c; }
label { display: block; margin: 12px 0 4px; }
input { width: 100%; box-sizing: border-box; padding: 8px; font-size: 16px; }
button { margin-top: 16px; padding: 8px 24px; font-size: 16px; background: #8a1c1c; color: #fff; border: 0;
  border-radius: 4px; cursor: pointer; }
dl { display: grid; grid-template-columns: 7em 1fr; gap: 8px 12px; }
dt { color: #666; } dd { margin: 0; }
.status { font-size: 20px; font-weight: bold; padding: 8px 12px; border-radius: 4px; display: inline-block; }
.valid { background: #e6f4ea; color: #137333; } .revoked { background: #fce8e6; color: #a50e0e; }
.none { color: #a50e0e; } .note { color: #666; font-size: 13px; margin-top: 24px; }
`;

const page = (body: string): string => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>证书查询</title><link rel="stylesheet" href="/verify/verify.css"></head>
<body><main><h1>职业技能等级证书查询</h1>${body}</main></body></html>`;

const FORM = `<form method="post" action="/verify/">
<label for="number">证书编号</label><input id="number" name="number" maxlength="22" required autocomplete="off">
<label for="name">持证人姓名</label><input id="name" name="name" maxlength="40" required autocomplete="off">
<button type="submit">查询</button></form>
<p class="note">请输入证书上的证书编号和持证人姓名，两项须完全一致。扫描证书上的二维码也可直接查验。</p>`;

// The form and the "nothing found" answer never change: built once, not on every query.
const FORM_PAGE = page(FORM);
const NOT_FOUND_PAGE = page(
  `<p class="none" role="status">未查询到匹配的证书。请核对证书编号和姓名是否与证书完全一致。</p>${FORM}`,
);

export const formPage = (): string => FORM_PAGE;

export function answerPage(answer: PublicAnswer): string {
  if (!answer.found) return NOT_FOUND_PAGE;
  const status =
    answer.status === 'valid'
      ? '<span class="status valid" role="status">有效</span>'
      : `<span class="status revoked" role="status">已注销</span>${answer.revokedOn ? `（注销日期 ${esc(answer.revokedOn)}）` : ''}`;
  const rows: [string, string][] = [
    ['证书状态', status],
    ['证书编号', esc(answer.number)],
    ['持证人', esc(answer.holder)],
    ['职业（工种）', esc(answer.occupation)],
    ['等级', esc(answer.level)],
    ['发证日期', esc(answer.issuedOn)],
    ['评价机构', esc(answer.issuer)],
  ];
  return page(
    `<dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>
<p class="note">持证人姓名已按公示规则脱敏。<a href="/verify/">查询其他证书</a></p>`,
  );
}

export const refusedPage = (message: string): string =>
  page(`<p class="none" role="alert">${esc(message)}</p><p><a href="/verify/">返回查询</a></p>`);
