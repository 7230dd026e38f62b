import { BAND_LOGITS, DIFFICULTY_NAMES, type Difficulty } from '@kaowu/domain/browser';
import { createMemo, For, Show } from 'solid-js';
import { BarChart } from '../../components/BarChart.tsx';
import { fixed } from './stats-view.ts';

/** What the certification page reads of GET …/difficulties. */
export interface DifficultyLine {
  readonly band: number;
  readonly difficulty: number;
  readonly source: string;
  readonly calibratedAt: string | null;
}

/** Logit bins of one logit, from below −3 to above +3. */
export const LOGIT_BINS = ['< −3', '−3～−2', '−2～−1', '−1～0', '0～1', '1～2', '2～3', '≥ 3'] as const;
const binOf = (b: number) => Math.max(0, Math.min(7, Math.floor(b) + 4));
const COLORS = ['#8fc1a9', '#b7d7a8', '#f3d57a', '#f0a868', '#d9756b'];

/** When the calibration behind the page ran (the newest calibrated item's), or null for none. */
export const calibrationSeen = (lines: readonly DifficultyLine[]): string | null =>
  lines.reduce<string | null>(
    (a, l) => (l.calibratedAt !== null && (a === null || l.calibratedAt > a) ? l.calibratedAt : a),
    null,
  );

/** Per certified band: the calibrated items' count, mean and range in logits, and their counts per logit bin. */
export function byBand(lines: readonly DifficultyLine[]) {
  return ([1, 2, 3, 4, 5] as Difficulty[]).map((band) => {
    const ds = lines.filter((l) => l.band === band && l.source === 'calibrated').map((l) => l.difficulty);
    const bins = LOGIT_BINS.map(() => 0);
    for (const d of ds) bins[binOf(d)]!++;
    return {
      band,
      expected: BAND_LOGITS[band],
      n: ds.length,
      mean: ds.length ? ds.reduce((a, b) => a + b, 0) / ds.length : null,
      min: ds.length ? Math.min(...ds) : null,
      max: ds.length ? Math.max(...ds) : null,
      bins,
    };
  });
}

/**
 * Beside the certified bands, before assessors sign: the empirical difficulty (Rasch, logits) of the bank's
 * calibrated items, per band, and when that calibration ran (the sign-off records it).
 */
export function EmpiricalDifficulty(props: { lines: readonly DifficultyLine[] }) {
  const bands = createMemo(() => byBand(props.lines));
  const calibrated = () => props.lines.filter((l) => l.source === 'calibrated').length;
  return (
    <section class="empirical" aria-label="实测难度">
      <h3>实测难度（Rasch 校准，logit）与认证难度等级</h3>
      <Show
        when={calibrated() > 0}
        fallback={<p class="hint">本题库尚无校准数据：各题按认证难度等级计（易 −2 … 难 +2 logit）。</p>}
      >
        <p class="hint" data-testid="calibration-seen">
          {calibrated()} / {props.lines.length} 道已通过试题已校准，校准于{' '}
          {calibrationSeen(props.lines)?.slice(0, 16).replace('T', ' ')}；您的认证将记录所见的这次校准。
        </p>
        <div class="stats-top">
          <table class="grid" aria-label="各难度等级的实测难度">
            <thead>
              <tr>
                <th>认证难度</th>
                <th>等级对应</th>
                <th>已校准</th>
                <th>实测均值</th>
                <th>实测范围</th>
              </tr>
            </thead>
            <tbody>
              <For each={bands()}>
                {(b) => (
                  <tr>
                    <td>{DIFFICULTY_NAMES[b.band]}</td>
                    <td>{b.expected}</td>
                    <td>{b.n}</td>
                    <td>{fixed(b.mean)}</td>
                    <td>{b.n ? `${fixed(b.min)}～${fixed(b.max)}` : '—'}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
          <BarChart
            title="已校准试题的实测难度分布（按认证难度等级）"
            labels={[...LOGIT_BINS]}
            series={bands().map((b, n) => ({ label: DIFFICULTY_NAMES[b.band], values: b.bins, color: COLORS[n]! }))}
            height={170}
          />
        </div>
      </Show>
    </section>
  );
}
