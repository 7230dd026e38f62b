import { z } from 'zod';

/** National occupation code from the classification (职业分类大典), e.g. 6-31-01-03 (电工). */
export const occupationCode = z
  .string()
  .regex(/^\d-\d{2}-\d{2}-\d{2}$/, { message: '职业编码应为 N-NN-NN-NN 格式，例如 6-31-01-03' });
export type OccupationCode = z.infer<typeof occupationCode>;

/** Codes changed between editions, so the edition is part of an occupation's identity on record. */
export const classificationEdition = z.union([z.literal(2015), z.literal(2022)]);

export const occupation = z.strictObject({
  code: occupationCode,
  edition: classificationEdition,
  name: z.string().trim().min(1),
  trades: z.array(z.string().trim().min(1)).optional(),
});
export type Occupation = z.infer<typeof occupation>;
