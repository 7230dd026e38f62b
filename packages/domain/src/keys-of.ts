/**
 * The codes of a names record, in the order they are written. A closed vocabulary is written once, as its names
 * record (`export const X_NAMES = { code: '中文名', … } as const`), so no code exists without its Chinese name;
 * its type is `keyof typeof X_NAMES` and its list `keysOf(X_NAMES)`.
 *
 * Marked free of side effects so a bundler drops a list (and its names record) no code reads: the exam client
 * imports the domain's browser entry and would otherwise carry every vocabulary's names.
 */
export const keysOf = /* @__NO_SIDE_EFFECTS__ */ <K extends string>(
  record: Readonly<Record<K, unknown>>,
): readonly K[] => Object.keys(record) as K[];
