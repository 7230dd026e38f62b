import {
  certificationVerdictText,
  chinaDate,
  DIFFICULTIES,
  DIFFICULTY_NAMES,
  ITEM_TYPE_NAMES,
  ITEM_TYPES,
  levelLabel,
} from '@kaowu/domain';
import type { BankStatus } from '@kaowu/services';

const pct = (n: number): string => `${n.toFixed(1)}%`;

/** The human-readable `bank status` report. */
export function formatBankStatus(s: BankStatus): string {
  const c = s.coverage;
  const lines: string[] = [];
  lines.push(`题库：${s.bank.occupationCode} ${s.bank.occupationName} ${levelLabel(s.bank.level)}`);
  lines.push(`当前题库版本：${s.snapshotHash}`);
  lines.push(`已通过试题：${c.approved} / 最低要求 ${c.minItems}  ${c.approved >= c.minItems ? '✓' : '✗'}`);
  lines.push('');
  lines.push('按鉴定范围（题量占比 / 理论权重）：');
  for (const a of c.areas) {
    const count = `${String(a.count).padStart(5)} 题`;
    lines.push(`  ${a.code.padEnd(3)} ${a.name.padEnd(14, '　')} ${count}  ${pct(a.share).padStart(6)} / ${a.weight}%`);
  }
  lines.push(`按题型：${ITEM_TYPES.map((t) => `${ITEM_TYPE_NAMES[t]} ${c.byType[t]}`).join('  ')}`);
  lines.push(`按难度：${DIFFICULTIES.map((d) => `${d} ${DIFFICULTY_NAMES[d]} ${c.byDifficulty[d]}`).join('  ')}`);
  const covered = c.points.length - c.uncoveredPoints.length;
  const counts = c.points.map((p) => p.count);
  const range = counts.length ? `${Math.min(...counts)}–${Math.max(...counts)}` : '0–0';
  lines.push(`鉴定点：${c.points.length} 个，已覆盖 ${covered} 个；每点题量 ${range}`);
  if (c.uncoveredPoints.length > 0) {
    lines.push('  无试题的鉴定点：');
    for (const p of c.uncoveredPoints) lines.push(`    ${p.code} ${p.name}（${p.importance}）`);
  }
  lines.push('');
  const cert = s.certification;
  const certified = cert.certified ? '已认证' : '未认证';
  const r = s.release;
  if (r) {
    const { added, changed, retired, total } = r.pending;
    lines.push(`已认证版本 ${r.number}（${chinaDate(r.certifiedAt)}）：${r.items} 题，正式组卷使用此版本`);
    lines.push(`待认证变更 ${total} 项（新增 ${added}，修改 ${changed}，停用 ${retired}）`);
  }
  const subject = r && r.pending.total > 0 ? '新版本认证' : '题库难度认证';
  lines.push(`${subject}：${certified}（有效认证 ${cert.counting} / 需要 ${cert.required} 名考评员）`);
  for (const r of cert.certifications) {
    const version = r.snapshotHash.slice(0, 12);
    const verdict = certificationVerdictText(r.verdict);
    lines.push(`  ${r.assessorName}（${r.assessor}） ${chinaDate(r.certifiedAt)}  题库版本 ${version}  ${verdict}`);
  }
  lines.push('');
  if (s.ready && r && r.pending.total > 0)
    lines.push(
      `结论：可用于组卷，按已认证版本 ${r.number}；待认证变更经 ${cert.required} 名考评员认证后进入正式组卷。`,
    );
  else if (s.ready) lines.push('结论：题库已就绪，已通过题库难度认证，可用于组卷。');
  else {
    lines.push('结论：题库尚不能用于组卷：');
    for (const b of c.blockers) lines.push(`  - ${b}`);
    if (!cert.certified) lines.push(`  - 有效题库难度认证 ${cert.counting} 名，少于要求的 ${cert.required} 名`);
  }
  return lines.join('\n');
}
