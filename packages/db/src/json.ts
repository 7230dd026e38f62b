import { canonicalJson } from '@kaowu/domain';

declare const encodes: unique symbol;

/**
 * JSON text in a text column, typed by the value it encodes. The schema declares each `*_json` column as
 * `Json<T>`, so Kysely hands back `Json<T>` on select and accepts only `Json<T>` on insert and update.
 */
export type Json<T> = string & { readonly [encodes]: T };

/** Encodes a value for a `Json<T>` column. */
export function toJson<T>(value: T): Json<T> {
  return JSON.stringify(value) as Json<T>;
}

/** Like `toJson`, but RFC 8785 canonical: for columns that a hash covers (the audit chain). */
export function toCanonicalJson<T>(value: T): Json<T> {
  return canonicalJson(value) as Json<T>;
}

/**
 * Decodes a `Json<T>` column. The cast is safe because only `toJson` and `toCanonicalJson` make a `Json<T>`,
 * and they take a `T`: what the column holds was a `T` when it was written. Values that come from outside (a
 * workbook, a request) are zod-parsed before they get here; a column a hash protects is still checked after.
 */
export function fromJson<T>(text: Json<T>): T {
  return JSON.parse(text) as T;
}
