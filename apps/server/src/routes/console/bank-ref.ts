import { levelCode } from '@kaowu/domain';
import type { BankRef } from '@kaowu/services';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../env.ts';

const ref = z.strictObject({
  occupation: z.string().regex(/^\d-\d{2}-\d{2}-\d{2}$/, { message: '职业编码格式应为 6-31-01-03' }),
  level: z.coerce.number().pipe(levelCode),
});

/** `/banks/:occupation/:level` → the bank it names (400 on a malformed code or level). */
export function bankOf(c: Context<AppEnv>): BankRef {
  const { occupation, level } = ref.parse({ occupation: c.req.param('occupation'), level: c.req.param('level') });
  return { occupationCode: occupation, level };
}

/** A workbook download with a UTF-8 file name (RFC 6266). */
export function xlsx(c: Context<AppEnv>, data: Uint8Array, name: string): Response {
  c.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  c.header('content-disposition', `attachment; filename="download.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`);
  return c.body(new Uint8Array(data).buffer);
}
