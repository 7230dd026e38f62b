import { render } from 'solid-js/web';
import { OutlineTree } from '../src/index.ts';
import type { ItemStatus, Outline } from '../src/contract.ts';
import '../src/styles.css';

/**
 * The bench page: a 10,000-item bank over a national-size outline (6 areas × 6 sub-areas × 10 points), the
 * same OutlineTree the console renders. The time covers counting, building the DOM, style and layout.
 */
const ITEMS = 10_000;
const letters = 'ABCDEF';
const outline: Outline = {
  occupation: { code: '6-31-01-03', edition: 2015, name: '电工' },
  level: 5,
  basis: '国家职业技能标准',
  areas: [...letters].map((a, i) => ({
    code: a,
    name: `鉴定范围 ${a}：电工基础与安全技术要求`,
    weight: i === 0 ? 15 : 17,
    areas: [...letters].map((b) => ({
      code: `${a}${b}`,
      name: `鉴定项目 ${a}${b}`,
      points: Array.from({ length: 10 }, (_, k) => ({
        code: `${a}${b}${String(k + 1).padStart(3, '0')}`,
        name: `鉴定点 ${a}${b}${k + 1}：低压配电线路的安装、检修与运行维护`,
        importance: (['X', 'Y', 'Z'] as const)[k % 3]!,
      })),
    })),
  })),
};
const codes = outline.areas.flatMap((a) => (a.areas ?? []).flatMap((s) => (s.points ?? []).map((p) => p.code)));
const statuses: ItemStatus[] = ['approved', 'approved', 'approved', 'draft', 'in_review', 'retired'];
// Deterministic spread: every point some items, some points none approved.
const items = Array.from({ length: ITEMS }, (_, i) => ({
  status: statuses[(i * 7) % statuses.length]!,
  content: { point: codes[(i * 7919) % (codes.length - 5)]! },
}));

function once(): number {
  const host = document.getElementById('app')!;
  host.textContent = '';
  const t0 = performance.now();
  const dispose = render(() => <OutlineTree outline={outline} items={items} />, host);
  void host.getBoundingClientRect();
  void document.querySelector('.outline')!.clientHeight;
  const ms = performance.now() - t0;
  (window as unknown as { dispose?: () => void }).dispose = dispose;
  dispose();
  return ms;
}

(window as unknown as { runBench: (n: number) => number[] }).runBench = (n) => Array.from({ length: n }, once);
