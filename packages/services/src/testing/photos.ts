import JSZip from 'jszip';

export { placeholderPortrait } from '../exam/portraits.ts';

/** A zip of the given files (name → bytes or text), as a person would pack the roster's photos. */
export async function zipOf(files: Readonly<Record<string, Uint8Array | string>>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, data] of Object.entries(files)) zip.file(name, data);
  return zip.generateAsync({ type: 'uint8array' });
}
