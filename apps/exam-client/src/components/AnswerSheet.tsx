import { createSelector, For, type JSX } from 'solid-js';
import type { ExamSession } from '../exam/session.ts';
import { isAnswered } from '../exam/paper-index.ts';

/** The legend under the sheet: each state's cell class ('' for an unanswered cell) and its name. */
const LEGEND: readonly (readonly [string, string])[] = [
  ['answered', '已答'],
  ['', '未答'],
  ['flagged', '标记'],
  ['current', '当前'],
];

/** The answer sheet (答题卡): every item by section, showing answered / unanswered / flagged / current. */
export function AnswerSheet(props: { session: ExamSession }): JSX.Element {
  const s = props.session;
  // One comparison per switch instead of one per cell: switching stays cheap on a 200-item paper.
  const isCurrent = createSelector(s.current);
  return (
    <nav class="kw-sheet" aria-label="答题卡">
      <h2>
        答题卡
        <span class="kw-sheet-count">
          已答 {s.answeredCount()} / {s.index.entries.length}
        </span>
      </h2>
      <For each={s.index.sections}>
        {(section) => (
          <section>
            <h3>{section.name}</h3>
            <ol class="kw-sheet-grid">
              <For each={s.index.entries.slice(section.first, section.first + section.count)}>
                {(entry) => (
                  <li>
                    <button
                      type="button"
                      tabIndex={-1}
                      class="kw-cell"
                      classList={{
                        answered: isAnswered(s.response(entry.item.code)),
                        flagged: s.flagged(entry.item.code),
                        current: isCurrent(entry.index),
                      }}
                      aria-current={isCurrent(entry.index) ? 'step' : undefined}
                      aria-label={`第 ${entry.item.number} 题`}
                      data-item={entry.item.code}
                      onClick={() => s.goTo(entry.index)}
                    >
                      {entry.item.number}
                    </button>
                  </li>
                )}
              </For>
            </ol>
          </section>
        )}
      </For>
      <ul class="kw-legend" aria-hidden="true">
        <For each={LEGEND}>
          {([state, name]) => (
            <li>
              <span class={`kw-cell ${state}`.trim()} />
              {name}
            </li>
          )}
        </For>
      </ul>
    </nav>
  );
}
