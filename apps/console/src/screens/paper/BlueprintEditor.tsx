import {
  ITEM_TYPE_NAMES,
  ITEM_TYPES,
  levelLabel,
  type ItemType,
  type LevelCode,
  chinaDate,
} from '@kaowu/domain/browser';
import { createEffect, createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { bankParam, client, messageOf, ok } from '../../api.ts';
import type { BankRef } from '../../contract.ts';
import {
  addSection,
  areaItems,
  byPlace,
  draftText,
  hints,
  problemsByPlace,
  readDraft,
  setAreaMode,
  starterDraft,
  totals,
  type AreaMode,
  type BlueprintDraft,
  type Window,
} from './blueprint-grid.ts';
import { BlueprintTable } from './BlueprintTable.tsx';
import { createFeasibility } from './feasibility.ts';
import { NumberBox } from './NumberBox.tsx';
import './blueprint-editor.css';

/**
 * A paper-wide number the form edits: the draft's field, the label shown, the box's own name where that says
 * more, the place its hints are filed under, and the scale shown (a share as percent).
 */
interface PaperNumber {
  key: 'durationMinutes' | 'totalScore' | 'forms' | 'maxOverlap' | 'excludeRecentBatches';
  label: string;
  name?: string;
  hint: string;
  scale?: number;
}
const PAPER_NUMBERS: readonly PaperNumber[] = [
  { key: 'durationMinutes', label: '考试时长（分钟）', hint: 'duration' },
  { key: 'totalScore', label: '试卷总分', hint: 'totalScore' },
  { key: 'forms', label: '平行试卷（套）', name: '平行试卷套数', hint: 'forms' },
  { key: 'maxOverlap', label: '两套共同试题上限（%）', name: '两套试卷共同试题上限（%）', hint: 'overlap', scale: 100 },
];
const EXPOSURE: PaperNumber = { key: 'excludeRecentBatches', label: '排除最近几个批次用过的试题', hint: 'exposure' };

type YamlModule = typeof import('./blueprint-yaml.ts');

/** "A 卷 190 题，平均难度 2.71，合格线处期望得分 60.12 分、信息量 34.261，曝光率 12.6 %（近 3 批次用过 24 题）". */
const formSummary = (x: {
  form: string;
  items: number;
  meanDifficulty: number;
  exposure: { batches: number; seen: number; items: number } | null;
  atCut: { expectedScore: number; information: number } | null;
}): string =>
  `${x.form} 卷 ${x.items} 题，平均难度 ${x.meanDifficulty}` +
  (x.atCut === null
    ? ''
    : `，合格线处期望得分 ${x.atCut.expectedScore.toFixed(2)} 分、信息量 ${x.atCut.information.toFixed(3)}`) +
  (x.exposure === null
    ? ''
    : `，曝光率 ${((100 * x.exposure.seen) / x.exposure.items).toFixed(1)} %` +
      `（近 ${x.exposure.batches} 批次用过 ${x.exposure.seen} 题）`);

/** A window typed as two boxes; both empty means no window, one empty is a NaN the hints point at. */
function WindowBoxes(props: {
  label: string;
  unit: string;
  value: Window | null;
  problems: readonly string[] | undefined;
  onValue: (value: Window | null) => void;
}) {
  const put = (patch: Partial<Window>) => {
    const next = { min: props.value?.min ?? Number.NaN, max: props.value?.max ?? Number.NaN, ...patch };
    props.onValue(Number.isNaN(next.min) && Number.isNaN(next.max) ? null : next);
  };
  return (
    <label>
      {props.label}（{props.unit}，空为不限）
      <span class="bp-window">
        <NumberBox
          label={`${props.label}下限`}
          value={props.value?.min ?? Number.NaN}
          problems={props.problems}
          onValue={(min) => put({ min })}
        />
        –
        <NumberBox
          label={`${props.label}上限`}
          value={props.value?.max ?? Number.NaN}
          problems={props.problems}
          onValue={(max) => put({ max })}
        />
      </span>
    </label>
  );
}

/** What the panel around the editor needs: the blueprint text to assemble, and whether the bank said yes to it. */
export interface BlueprintStatus {
  readonly text: string | undefined;
  readonly feasible: boolean;
}

const AREA_MODES: { mode: AreaMode; label: string }[] = [
  { mode: 'weights', label: '按大纲理论知识权重' },
  { mode: 'percent', label: '按比例（%）填写' },
  { mode: 'counts', label: '直接填写题量' },
];

/**
 * The blueprint editor: paper rules above, the two-way table, the totals that must add up, and the bank's
 * live verdict. "高级：YAML" shows the same blueprint as text; either side can be edited, the other follows.
 */
export function BlueprintEditor(props: { bank: BankRef; seed: string; onStatus: (status: BlueprintStatus) => void }) {
  const [basis] = createResource(() =>
    ok(client.banks[':occupation'][':level'].blueprint.$get({ param: bankParam(props.bank) })),
  );
  const defaultDraft = createMemo(() => {
    // A failed load reads as an error below (a resource in error throws when read).
    const b = basis.error ? undefined : basis();
    if (b === undefined) return undefined;
    const stored = b.blueprint === null ? undefined : readDraft(b.blueprint);
    if (stored?.ok) return stored.draft;
    return starterDraft(
      props.bank,
      `${b.occupationName}（${levelLabel(props.bank.level as LevelCode)}）理论知识考试试卷`,
    );
  });
  const [draft, setDraft] = createSignal<BlueprintDraft>();
  createEffect(() => {
    const d = defaultDraft();
    if (d !== undefined && draft() === undefined) setDraft(d);
  });

  // The YAML view: its library is loaded the first time the view opens.
  const [yaml, setYaml] = createSignal<YamlModule>();
  const [yamlOpen, setYamlOpen] = createSignal(false);
  const [yamlText, setYamlText] = createSignal('');
  const [yamlError, setYamlError] = createSignal<string>();
  const edit = (next: BlueprintDraft) => {
    setDraft(next);
    setYamlError(undefined);
    const lib = yaml();
    if (lib !== undefined && yamlOpen()) setYamlText(lib.draftToYaml(next));
  };
  const toggleYaml = async () => {
    if (yamlOpen()) return setYamlOpen(false);
    const lib = yaml() ?? (await import('./blueprint-yaml.ts'));
    setYaml(() => lib);
    const d = draft();
    if (d !== undefined) setYamlText(lib.draftToYaml(d));
    setYamlError(undefined);
    setYamlOpen(true);
  };
  const typeYaml = (text: string) => {
    setYamlText(text);
    const read = yaml()?.yamlToDraft(text);
    if (read === undefined) return;
    if (read.ok) {
      setDraft(read.draft);
      setYamlError(undefined);
    } else setYamlError(read.message);
  };

  const areas = () => basis()?.areas ?? [];
  const localHints = createMemo(() => {
    const d = draft();
    return d === undefined ? [] : hints(d, areas());
  });
  const hintMap = createMemo(() => byPlace(localHints()));
  const text = createMemo(() => {
    const d = draft();
    return d === undefined ? undefined : draftText(d);
  });
  const blocked = () => localHints().length > 0 || yamlError() !== undefined;
  const feasibility = createFeasibility(props.bank, text, () => props.seed, blocked);
  const problems = createMemo(() => {
    const r = feasibility.current();
    return problemsByPlace(r !== undefined && !r.ok ? r.problems : []);
  });
  const areaCounts = () => {
    const d = draft();
    return d === undefined ? {} : areaItems(d, areas(), feasibility.areas());
  };
  createEffect(() => props.onStatus({ text: text(), feasible: feasibility.current()?.ok === true }));

  const set = (patch: Partial<BlueprintDraft>) => {
    const d = draft();
    if (d !== undefined) edit({ ...d, ...patch });
  };
  const PaperNumberBox = (p: PaperNumber & { draft: BlueprintDraft }) => (
    <label>
      {p.label}
      <NumberBox
        label={p.name ?? p.label}
        value={p.draft[p.key]}
        scale={p.scale}
        problems={hintMap().get(p.hint)}
        onValue={(v) => set({ [p.key]: v })}
      />
    </label>
  );
  const missingTypes = () => ITEM_TYPES.filter((type) => !(draft()?.sections ?? []).some((s) => s.type === type));
  const kept = () => {
    const rest = draft()?.rest ?? {};
    const pinned = Array.isArray(rest.pinned) ? rest.pinned.length : 0;
    const enemies = Array.isArray(rest.enemies) ? rest.enemies.length : 0;
    return pinned + enemies > 0 ? `另有固定试题 ${pinned} 道、互斥题组 ${enemies} 组，在“高级：YAML”中修改。` : '';
  };
  const origin = () => {
    const source = basis()?.source;
    return source
      ? `默认方案：${chinaDate(source.createdAt)} 以组卷随机码“${source.seed}”组卷时所用的方案。`
      : '本题库尚无组卷记录：已按常用的 100 分理论试卷起草，请按需修改。';
  };

  return (
    <section class="bp" aria-label="方案编辑">
      <Show
        when={draft()}
        fallback={
          <p classList={{ hint: !basis.error, 'notice error': !!basis.error }}>
            {basis.error ? `无法载入题库的组卷信息：${messageOf(basis.error)}` : '正在载入题库的默认组卷方案…'}
          </p>
        }
      >
        {(d) => (
          <>
            <div class="row">
              <span class="hint">
                {origin()}
                {kept()}
              </span>
              <button
                type="button"
                class="right"
                onClick={() => {
                  const x = defaultDraft();
                  if (x) edit(x);
                }}
              >
                恢复默认方案
              </button>
              <button type="button" aria-expanded={yamlOpen()} onClick={() => void toggleYaml()}>
                高级：YAML
              </button>
            </div>
            <div class="bp-fields">
              <label>
                试卷名称
                <input
                  class="bp-title"
                  value={d().title}
                  aria-invalid={hintMap().has('title') ? 'true' : undefined}
                  onInput={(e) => set({ title: e.currentTarget.value })}
                />
              </label>
              <For each={PAPER_NUMBERS}>{(field) => <PaperNumberBox {...field} draft={d()} />}</For>
            </div>
            <div class="bp-fields">
              <PaperNumberBox {...EXPOSURE} draft={d()} />
              <label>
                曝光窗口（最近 K 批，空为不统计）
                <NumberBox
                  label="曝光窗口（最近 K 批）"
                  value={d().lastBatches ?? Number.NaN}
                  problems={hintMap().get('exposure')}
                  onValue={(v) => set({ lastBatches: Number.isNaN(v) ? null : v })}
                />
              </label>
              <label>
                最高曝光率（%，空为不限）
                <NumberBox
                  label="最高曝光率（%）"
                  value={d().maxRate ?? Number.NaN}
                  scale={100}
                  onValue={(v) => set({ maxRate: Number.isNaN(v) ? null : v })}
                />
              </label>
              <label>
                每题最多使用次数（空为不限）
                <NumberBox
                  label="每题最多使用次数"
                  value={d().maxUses ?? Number.NaN}
                  onValue={(v) => set({ maxUses: Number.isNaN(v) ? null : v })}
                />
              </label>
              <label class="inline">
                <input
                  type="checkbox"
                  checked={d().meanDifficulty !== null}
                  onChange={(e) =>
                    set({ meanDifficulty: e.currentTarget.checked ? { target: 2.7, tolerance: 0.2 } : null })
                  }
                />
                控制平均难度
              </label>
              <Show when={d().meanDifficulty}>
                {(m) => (
                  <>
                    <label>
                      目标平均难度（1 易–5 难）
                      <NumberBox
                        label="目标平均难度"
                        value={m().target}
                        problems={hintMap().get('mean')}
                        onValue={(v) => set({ meanDifficulty: { ...m(), target: v } })}
                      />
                    </label>
                    <label>
                      允许偏差 ±
                      <NumberBox
                        label="平均难度允许偏差"
                        value={m().tolerance}
                        onValue={(v) => set({ meanDifficulty: { ...m(), tolerance: v } })}
                      />
                    </label>
                  </>
                )}
              </Show>
            </div>
            <div class="bp-fields">
              <label>
                合格线能力值（logit，空为不测量）
                <NumberBox
                  label="合格线能力值"
                  value={d().cutAbility ?? Number.NaN}
                  problems={hintMap().get('cut')}
                  onValue={(v) => set({ cutAbility: Number.isNaN(v) ? null : v })}
                />
              </label>
              <WindowBoxes
                label="期望得分范围"
                unit="分"
                value={d().expectedScore}
                problems={hintMap().get('expectedScore')}
                onValue={(w) => set({ expectedScore: w })}
              />
              <WindowBoxes
                label="测验信息量范围"
                unit="合格线处"
                value={d().information}
                problems={hintMap().get('information')}
                onValue={(w) => set({ information: w })}
              />
              <label>
                平行卷等值容差（分，空为不要求）
                <NumberBox
                  label="平行卷等值容差"
                  value={d().equatingTolerance ?? Number.NaN}
                  problems={hintMap().get('equating')}
                  onValue={(v) => set({ equatingTolerance: Number.isNaN(v) ? null : v })}
                />
              </label>
            </div>
            <div class="row">
              <label class="inline">
                各范围题量
                <select
                  aria-label="各范围题量"
                  onChange={(e) => edit(setAreaMode(d(), e.currentTarget.value as AreaMode, areas(), areaCounts()))}
                >
                  <For each={AREA_MODES}>
                    {(m) => (
                      <option value={m.mode} selected={m.mode === d().areaMode}>
                        {m.label}
                      </option>
                    )}
                  </For>
                </select>
              </label>
              <Show when={missingTypes().length > 0}>
                <label class="inline">
                  添加题型
                  <select
                    aria-label="添加题型"
                    value=""
                    onChange={(e) => {
                      if (e.currentTarget.value) edit(addSection(d(), e.currentTarget.value as ItemType));
                      e.currentTarget.value = '';
                    }}
                  >
                    <option value="">选择…</option>
                    <For each={missingTypes()}>{(type) => <option value={type}>{ITEM_TYPE_NAMES[type]}</option>}</For>
                  </select>
                </label>
              </Show>
            </div>
            <BlueprintTable
              draft={d()}
              areas={areas()}
              approved={basis()?.approved ?? []}
              areaCounts={areaCounts()}
              countsStale={feasibility.current() === undefined}
              hints={hintMap()}
              problems={problems()}
              onChange={edit}
            />
            {/* Kept in view while the table scrolls: the sums and the bank's verdict follow every keystroke. */}
            <div class="bp-status">
              <Totals draft={d()} />
              <Show when={localHints().length > 0}>
                <ul class="problems" aria-label="待修正">
                  <For each={localHints()}>{(h) => <li>{h.message}</li>}</For>
                </ul>
              </Show>
              <Verdict
                feasibility={feasibility}
                blocked={localHints().length}
                yamlError={yamlError()}
                noSeed={props.seed.trim() === ''}
              />
            </div>
            <Show when={yamlOpen()}>
              <label>
                组卷方案（YAML，与上表同步）
                <textarea
                  aria-label="组卷方案"
                  rows="16"
                  class="mono"
                  value={yamlText()}
                  onInput={(e) => typeYaml(e.currentTarget.value)}
                />
              </label>
              <Show when={yamlError()}>{(m) => <p class="notice error">{m()}：上表保持最近一次有效的内容。</p>}</Show>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}

/** The sums that must match the paper, in one line. */
function Totals(props: { draft: BlueprintDraft }) {
  const t = () => totals(props.draft);
  const scoreOk = () => Math.round(t().score * 100) === Math.round(props.draft.totalScore * 100);
  return (
    <p class="bp-totals" data-testid="blueprint-totals">
      合计 <strong>{t().items}</strong> 题、<strong classList={{ bad: !scoreOk() }}>{t().score}</strong> 分 （试卷总分{' '}
      {props.draft.totalScore} 分{scoreOk() ? '，相符' : '，不符'}）；考试 {props.draft.durationMinutes} 分钟；
      {props.draft.forms} 套平行试卷
    </p>
  );
}

/** The bank's answer, or why it was not asked yet. */
function Verdict(props: {
  feasibility: ReturnType<typeof createFeasibility>;
  blocked: number;
  yamlError: string | undefined;
  noSeed: boolean;
}) {
  const r = () => props.feasibility.current();
  return (
    <div class="feasibility" aria-live="polite" data-testid="feasibility">
      <Show
        when={r()}
        fallback={
          <p class="hint">
            {props.yamlError !== undefined
              ? 'YAML 有误，修正后再检查能否组卷。'
              : props.blocked > 0
                ? `请先修正上面标出的 ${props.blocked} 处问题，再检查能否组卷。`
                : props.noSeed
                  ? '请填写组卷随机码，再检查能否组卷。'
                  : '正在检查能否组卷…'}
          </p>
        }
      >
        {(res) => {
          const v = res();
          return v.ok ? (
            <p class="notice ok">可以组卷：{v.forms.map(formSummary).join('；')}</p>
          ) : (
            <div class="notice error">
              <p>不可组卷：{v.message}</p>
              <Show when={v.problems.length > 1}>
                <ul aria-label="不可组卷的原因">
                  <For each={v.problems}>{(p) => <li>{p.zh}</li>}</For>
                </ul>
              </Show>
            </div>
          );
        }}
      </Show>
    </div>
  );
}
