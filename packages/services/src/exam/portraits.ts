import sharp from 'sharp';

/** Soft background colours for the placeholder portraits (ID photos are shot on plain blue, white or red). */
const BACKGROUNDS = ['#4a86c5', '#d9e4ef', '#c0504d', '#6a9fd4', '#e8edf2'];
const SHIRTS = ['#2f3b4c', '#5b6b7c', '#1f4e79', '#44546a', '#7f6000'];

/**
 * A generated placeholder portrait for the demo and tests: a grey silhouette and the person's surname on a plain
 * background, 3:4 like an ID photo, as a JPEG. Obviously not a real person; different people get different
 * colours so a proctor comparing the board with the photos can tell them apart.
 */
export async function placeholderPortrait(name: string, n: number): Promise<Uint8Array> {
  const bg = BACKGROUNDS[n % BACKGROUNDS.length]!;
  const shirt = SHIRTS[Math.floor(n / BACKGROUNDS.length) % SHIRTS.length]!;
  const initial = [...name][0] ?? '?';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="400" viewBox="0 0 300 400">
  <rect width="300" height="400" fill="${bg}"/>
  <ellipse cx="150" cy="165" rx="68" ry="82" fill="#c8c8c8"/>
  <path d="M30 400 C40 300 90 265 150 265 C210 265 260 300 270 400 Z" fill="${shirt}"/>
  <text x="150" y="190" font-size="72" text-anchor="middle" font-family="Noto Sans CJK SC, sans-serif"
    fill="#555">${escapeXml(initial)}</text>
  <text x="150" y="385" font-size="18" text-anchor="middle" font-family="sans-serif" fill="#fff">示例照片</text>
</svg>`;
  return new Uint8Array(await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer());
}

const escapeXml = (s: string): string => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
