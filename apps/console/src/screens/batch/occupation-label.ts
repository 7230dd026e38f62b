/** 电工 6-31-01-03: the occupation by name, its code after (the code alone when no outline names it). */
export const occupationLabel = (b: { occupationCode: string; occupationName: string | null }): string =>
  b.occupationName === null ? b.occupationCode : `${b.occupationName} ${b.occupationCode}`;
