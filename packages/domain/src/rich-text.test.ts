import { describe, expect, it } from 'vitest';
import { assetsOf, parseRichText, plainText, richTextProblems } from './index.ts';

describe('safe rich text', () => {
  it('parses paragraphs, emphasis and asset images into a tree, never HTML', () => {
    expect(parseRichText('第一段 **重点** 和 *强调*\n\n![接线图](asset:wiring.png) <script>')).toEqual([
      [
        { t: 'text', v: '第一段 ' },
        { t: 'strong', c: [{ t: 'text', v: '重点' }] },
        { t: 'text', v: ' 和 ' },
        { t: 'em', c: [{ t: 'text', v: '强调' }] },
      ],
      [
        { t: 'image', alt: '接线图', asset: 'wiring.png' },
        { t: 'text', v: ' <script>' },
      ],
    ]);
    expect(assetsOf('![a](asset:x.png) ![b](asset:y.jpg)')).toEqual(['x.png', 'y.jpg']);
    expect(plainText('**电压** 220 V\n\n![图](asset:a.png)')).toBe('电压 220 V\n\n[图：图]');
  });
  it('rejects HTML tags, outside images, unsafe file types and unknown assets', () => {
    expect(richTextProblems('<img src=x onerror=alert(1)>')[0]).toMatch(/不支持 HTML/);
    expect(richTextProblems('![x](https://evil/x.png)')[0]).toMatch(/只能引用题库资源/);
    expect(richTextProblems('![x](asset:x.svg)')[0]).toMatch(/无效/);
    expect(richTextProblems('![x](asset:x.png)', new Set(['y.png']))[0]).toMatch(/不在题库资源中/);
    expect(richTextProblems('电阻 R < 10 Ω 且 a & b')).toEqual([]);
  });
});
