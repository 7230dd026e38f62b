import { bankParam, bankPath, client, fileBody, ok } from '../../api.ts';
import type { BankRef } from '../../contract.ts';

/** Where the console shows a bank's image: the staff asset route (the session cookie goes with it). */
export const assetUrl =
  (bank: BankRef) =>
  (name: string): string =>
    `/api${bankPath(bank)}/assets/${encodeURIComponent(name)}`;

/** A file name the bank accepts (letters, digits, Chinese, - _ .), keeping the extension. */
export function assetName(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const ext = dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
  const stem =
    (dot < 0 ? fileName : fileName.slice(0, dot)).replace(/[^\w\-.\u4e00-\u9fff]+/g, '-').replace(/^-+|-+$/g, '') ||
    '图片';
  return `${stem}.${ext}`;
}

/** The text with the image reference put at the caret (or at the end). */
export function insertImage(text: string, caret: number | undefined, name: string): string {
  const at = caret === undefined || caret < 0 || caret > text.length ? text.length : caret;
  return `${text.slice(0, at)}![说明](asset:${name})${text.slice(at)}`;
}

/** Uploads the chosen image into the bank and answers the name to refer to. */
export async function uploadImage(bank: BankRef, file: File): Promise<string> {
  const name = assetName(file.name);
  const saved = await ok(
    client.banks[':occupation'][':level'].assets.$post(
      { param: bankParam(bank), query: { name } },
      fileBody(file, file.type || 'application/octet-stream'),
    ),
  );
  return saved.name;
}
