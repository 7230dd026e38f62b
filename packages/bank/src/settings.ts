import { z } from 'zod';

/** Bank rules an enterprise may tighten but never loosen below the Nanxun floors (600 items, 3 assessors). */
export const bankSettings = z.strictObject({
  minItems: z.number().int().min(600, { message: '题库最少题量不能低于 600' }),
  minAssessors: z.number().int().min(3, { message: '认证所需考评员不能少于 3 名' }),
  /** An assessor who authored items in the snapshot does not count towards certification. */
  excludeAuthors: z.boolean(),
});
export type BankSettings = z.infer<typeof bankSettings>;

export const DEFAULT_BANK_SETTINGS: BankSettings = { minItems: 600, minAssessors: 3, excludeAuthors: true };
