export const FONT_SIZES = ['normal', 'large', 'larger'] as const;
export type FontSize = (typeof FONT_SIZES)[number];
export const FONT_SIZE_NAMES: Readonly<Record<FontSize, string>> = { normal: '标准', large: '大', larger: '特大' };

/** Where the candidate was: restored after a reload so the exam resumes exactly there. */
export interface UiState {
  readonly current: number;
  readonly flags: readonly string[];
  readonly font: FontSize;
}

const initial: UiState = { current: 0, flags: [], font: 'normal' };

/** `defaults` are what a first visit starts with (an accommodation's large font); saved choices win. */
export function uiStore(storage: Storage, attemptId: string, defaults: Partial<UiState> = {}) {
  const key = `kaowu.exam.${attemptId}.ui`;
  let state: UiState = { ...initial, ...defaults };
  try {
    const raw = storage.getItem(key);
    if (raw !== null) state = { ...initial, ...defaults, ...(JSON.parse(raw) as Partial<UiState>) };
  } catch {
    state = initial;
  }
  return {
    get: (): UiState => state,
    update(patch: Partial<UiState>): void {
      state = { ...state, ...patch };
      try {
        storage.setItem(key, JSON.stringify(state));
      } catch {
        // Not critical: only the position and the flags would be forgotten.
      }
    },
    clear(): void {
      storage.removeItem(key);
    },
  };
}
