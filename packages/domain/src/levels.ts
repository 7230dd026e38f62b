/** The five certified levels; the code is the national level code (5 = 五级 … 1 = 一级). */
export const LEVEL_CODES = [5, 4, 3, 2, 1] as const;
export type LevelCode = (typeof LEVEL_CODES)[number];

export const LEVELS: Readonly<Record<LevelCode, { name: string; title: string }>> = {
  5: { name: '五级', title: '初级工' },
  4: { name: '四级', title: '中级工' },
  3: { name: '三级', title: '高级工' },
  2: { name: '二级', title: '技师' },
  1: { name: '一级', title: '高级技师' },
};

export function levelLabel(code: LevelCode): string {
  const level = LEVELS[code];
  return `${level.name}/${level.title}`;
}

/** Technician levels need a comprehensive review (综合评审) in every assessment plan. */
export const isTechnicianLevel = (code: LevelCode): boolean => code <= 2;

/**
 * The extended eight-step sequence (新八级工), lowest first. The top two are appointed (评聘), not examined,
 * and 学徒工 is below the certified levels, so only five steps carry a level code.
 */
export const EIGHT_STEPS = [
  { step: 1, name: '学徒工', level: null, examined: false },
  { step: 2, name: '初级工', level: 5, examined: true },
  { step: 3, name: '中级工', level: 4, examined: true },
  { step: 4, name: '高级工', level: 3, examined: true },
  { step: 5, name: '技师', level: 2, examined: true },
  { step: 6, name: '高级技师', level: 1, examined: true },
  { step: 7, name: '特级技师', level: null, examined: false },
  { step: 8, name: '首席技师', level: null, examined: false },
] as const satisfies readonly { step: number; name: string; level: LevelCode | null; examined: boolean }[];

/** Accepts 5, "5", "五级", "初级工", "五级/初级工". */
export function parseLevel(input: string | number): LevelCode | undefined {
  const text = String(input).trim();
  for (const code of LEVEL_CODES) {
    const level = LEVELS[code];
    if (text === String(code) || text === level.name || text === level.title || text === levelLabel(code)) return code;
  }
  return undefined;
}
