import type { CandidatePaperView } from '@kaowu/domain/browser';

type ChoiceType = 'true_false' | 'single' | 'multiple';

/** What a made-up paper holds: its sections in order, and how each item's code, stem and options read. */
export interface PaperSpec {
  readonly title: string;
  readonly durationMinutes: number;
  readonly totalScore: number;
  readonly candidateKey: string;
  /** The item codes' letter: `Q` gives Q001, Q002, … */
  readonly codePrefix: string;
  readonly sections: readonly { type: ChoiceType; name: string; count: number; points: number }[];
  readonly stem: (number: number) => string;
  readonly options: (number: number) => string[];
}

/**
 * A candidate's paper as the server sends it, made up for tests and the bench: the items numbered through the
 * sections, four options on every choice item, none on true/false.
 */
export function paperView(spec: PaperSpec): CandidatePaperView {
  let number = 0;
  return {
    kind: 'kaowu-paper-view/1',
    paperHash: '0'.repeat(64),
    candidateKey: spec.candidateKey,
    form: 'A',
    title: spec.title,
    durationMinutes: spec.durationMinutes,
    totalScore: spec.totalScore,
    sections: spec.sections.map(({ type, name, count, points }) => ({
      type,
      name,
      points,
      items: Array.from({ length: count }, () => {
        number++;
        return {
          number,
          code: `${spec.codePrefix}${String(number).padStart(3, '0')}`,
          type,
          points,
          stem: spec.stem(number),
          ...(type === 'true_false' ? {} : { options: spec.options(number) }),
        };
      }),
    })),
  };
}
