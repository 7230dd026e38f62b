import {
  areaCounts,
  canonicalJson,
  indexOutline,
  paperHash,
  type BankSnapshot,
  type Blueprint,
  type Calibration,
  type Paper,
  type UsageHistory,
} from '@kaowu/domain';

/**
 * An independent check of every hard constraint on assembled papers, written from the blueprint's meaning
 * rather than from the assembler's code: returns every violation found (empty when all hold).
 */
export function violations(
  papers: readonly Paper[],
  snapshot: BankSnapshot,
  blueprint: Blueprint,
  usage: UsageHistory = { recentBatches: [], useCounts: {} },
  /** When given, the measures at the cut are re-derived from the definition and compared. */
  calibration?: Calibration,
): string[] {
  const found: string[] = [];
  const outline = indexOutline(snapshot.outline);
  const bank = new Map(snapshot.items.map((i) => [i.code, i]));
  const areaOf = (point: string): string => outline.points.get(point)?.areaPath[0] ?? '?';
  const wantAreas = new Map(areaCounts(blueprint, snapshot.outline).map((a) => [a.code, a.count]));
  const recent = new Set(usage.recentBatches.slice(0, blueprint.exposure.excludeRecentBatches).flat());
  const pinned = new Set(blueprint.pinned);
  // Exposure over the last K batches: appearances per item, and the rate cap over any K consecutive batches.
  const window = blueprint.exposure.lastBatches ?? 0;
  const lastK = usage.recentBatches.slice(0, window).map((batch) => new Set(batch));
  const rateCap =
    blueprint.exposure.maxRate === undefined ? Infinity : Math.floor(blueprint.exposure.maxRate * window + 1e-9);
  if (papers.length !== blueprint.forms.count)
    found.push(`expected ${blueprint.forms.count} forms, got ${papers.length}`);
  for (const paper of papers) {
    const form = paper.inputs.form;
    const say = (text: string): void => void found.push(`form ${form}: ${text}`);
    if (paperHash(paper) !== paper.hash) say('hash does not match');
    const items = paper.sections.flatMap((s) => s.items);
    const codes = items.map((i) => i.code);
    if (new Set(codes).size !== codes.length) say('an item appears twice');
    items.forEach((item, k) => {
      if (item.number !== k + 1) say(`item ${item.code} numbered ${item.number}, expected ${k + 1}`);
      const source = bank.get(item.code);
      if (source === undefined) return say(`item ${item.code} is not in the snapshot`);
      if (
        source.contentHash !== item.contentHash ||
        source.version !== item.version ||
        canonicalJson(source.content) !== canonicalJson(item.content)
      )
        say(`item ${item.code} differs from the snapshot`);
      if (item.area !== areaOf(source.content.point)) say(`item ${item.code} records area ${item.area}`);
      if (!pinned.has(item.code)) {
        if (recent.has(item.code)) say(`item ${item.code} was used in a recent batch`);
        const maxUses = blueprint.exposure.maxUses;
        if (maxUses !== undefined && (usage.useCounts[item.code] ?? 0) >= maxUses)
          say(`item ${item.code} reached the use cap`);
        const inWindow = lastK.slice(0, window - 1).filter((batch) => batch.has(item.code)).length + 1;
        if (inWindow > rateCap) say(`item ${item.code} would be in ${inWindow} of ${window} consecutive batches`);
      }
    });
    if (paper.sections.length !== blueprint.sections.length) say('wrong number of sections');
    let score = 0;
    let weighted = 0;
    blueprint.sections.forEach((section, s) => {
      const got = paper.sections[s];
      if (got === undefined || got.type !== section.type) return say(`section ${s} should be ${section.type}`);
      if (got.items.length !== section.count)
        say(`${section.type}: ${got.items.length} items, expected ${section.count}`);
      for (const item of got.items) {
        if (item.content.type !== section.type)
          say(`${item.code} of type ${item.content.type} in section ${section.type}`);
        if (item.points !== section.points) say(`${item.code} scored ${item.points}`);
        score += Math.round(item.points * 100);
        weighted += Math.round(item.points * 100) * item.content.difficulty;
      }
      if (section.difficulty !== undefined)
        for (const d of [1, 2, 3, 4, 5] as const) {
          const n = got.items.filter((i) => i.content.difficulty === d).length;
          if (n !== section.difficulty[d])
            say(`${section.type} difficulty ${d}: ${n} items, expected ${section.difficulty[d]}`);
        }
    });
    if (score !== Math.round(blueprint.totalScore * 100)) say(`total score ${score / 100}`);
    for (const [area, want] of wantAreas) {
      const n = items.filter((i) => i.area === area).length;
      if (n !== want) say(`area ${area}: ${n} items, expected ${want}`);
    }
    if (blueprint.meanDifficulty !== undefined) {
      const mean = weighted / score;
      const { target, tolerance } = blueprint.meanDifficulty;
      if (mean < target - tolerance - 1e-9 || mean > target + tolerance + 1e-9)
        say(`mean difficulty ${mean.toFixed(4)} outside ${target} ± ${tolerance}`);
    }
    for (const code of blueprint.pinned) if (!codes.includes(code)) say(`pinned item ${code} missing`);
    if (window > 0) {
      const seen = codes.filter((code) => lastK.some((batch) => batch.has(code))).length;
      const recorded = paper.measures?.exposure;
      if (recorded?.batches !== window || recorded.seen !== seen || recorded.items !== codes.length)
        say(`records exposure ${JSON.stringify(recorded)}, measured ${seen} of ${codes.length} over ${window}`);
    } else if (paper.measures?.exposure !== undefined) say('records exposure the blueprint did not ask for');
    const cut = blueprint.cut;
    const atCut = paper.measures?.atCut;
    if (cut === undefined) {
      if (atCut !== undefined) say('records measures at a cut the blueprint does not name');
    } else if (atCut === undefined || atCut.ability !== cut.ability)
      say(`records no measures at the cut ${cut.ability}`);
    else {
      if (calibration !== undefined) {
        // From the definition: P = 1 / (1 + e^(b − θ)), b calibrated or the band's −2 … 2.
        let score = 0;
        let information = 0;
        for (const item of items) {
          const b = calibration[item.code] ?? item.content.difficulty - 3;
          const p = 1 / (1 + Math.exp(b - cut.ability));
          score += item.points * p;
          information += p * (1 - p);
        }
        if (Math.abs(score - atCut.expectedScore) > 0.005 + 1e-6)
          say(`records expected score ${atCut.expectedScore}, measured ${score.toFixed(4)}`);
        if (Math.abs(information - atCut.information) > 0.0005 + 1e-6)
          say(`records information ${atCut.information}, measured ${information.toFixed(5)}`);
      }
      const outside = (x: number, w: { min: number; max: number } | undefined): boolean =>
        w !== undefined && (x < w.min - 1e-9 || x > w.max + 1e-9);
      if (outside(atCut.expectedScore, cut.expectedScore))
        say(`expected score ${atCut.expectedScore} outside ${cut.expectedScore?.min}–${cut.expectedScore?.max}`);
      if (outside(atCut.information, cut.information))
        say(`information ${atCut.information} outside ${cut.information?.min}–${cut.information?.max}`);
    }
    for (const group of blueprint.enemies) {
      const here = group.filter((c) => codes.includes(c));
      if (here.length > 1) say(`enemies ${here.join(', ')} together`);
    }
  }
  const cap = Math.floor(
    blueprint.forms.maxOverlap * papers[0]!.sections.reduce((s, x) => s + x.items.length, 0) + 1e-9,
  );
  for (let i = 0; i < papers.length; i++)
    for (let j = i + 1; j < papers.length; j++) {
      const a = new Set(papers[i]!.sections.flatMap((s) => s.items.map((x) => x.code)));
      const shared = papers[j]!.sections.flatMap((s) => s.items).filter((x) => a.has(x.code)).length;
      if (shared > cap)
        found.push(`forms ${papers[i]!.inputs.form} and ${papers[j]!.inputs.form} share ${shared} items (cap ${cap})`);
    }
  const tolerance = blueprint.forms.equatingTolerance;
  if (tolerance !== undefined)
    for (const p of papers)
      for (const q of papers) {
        const [x, y] = [p.measures?.atCut?.expectedScore, q.measures?.atCut?.expectedScore];
        if (x === undefined || y === undefined) continue;
        if (x - y > tolerance + 1e-9)
          found.push(`forms ${p.inputs.form} and ${q.inputs.form} expect ${x} and ${y}, more than ${tolerance} apart`);
      }
  return found;
}
