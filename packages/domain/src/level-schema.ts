import { z } from 'zod';

/** A certified level code, 5 (五级) … 1 (一级). */
export const levelCode = z.union([z.literal(5), z.literal(4), z.literal(3), z.literal(2), z.literal(1)]);
