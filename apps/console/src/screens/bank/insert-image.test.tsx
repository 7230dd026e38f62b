import { fireEvent, render, waitFor } from '@solidjs/testing-library';
import { describe, expect, it, vi } from 'vitest';
import { ItemEditor } from './ItemEditor.tsx';
import { assetName, insertImage } from './bank-assets.ts';

const bank = { occupationCode: '6-31-01-03', level: 5 as const };

describe('插入图片 in the item editor', () => {
  // The preview then shows the image from the asset route.
  it('uploads the image into the bank and inserts its reference at the caret', async () => {
    const calls: { url: string; type: string | undefined; size: number }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        calls.push({
          url,
          type: new Headers(init.headers).get('content-type') ?? undefined,
          size: (init.body as Blob).size,
        });
        return new Response(JSON.stringify({ name: '接线-图.png', outcome: 'created' }), { status: 201 });
      }),
    );
    const { getByLabelText, getByText, container } = render(() => (
      <ItemEditor
        bank={bank}
        code={undefined}
        points={[{ code: 'A001', name: '安全电压' }]}
        onSaved={() => {}}
        onClose={() => {}}
      />
    ));
    const stem = getByLabelText('题干') as HTMLTextAreaElement;
    fireEvent.input(stem, { target: { value: '如图所示，电路中的电流为（  ）。' } });
    stem.setSelectionRange(5, 5);
    expect(getByText('插入图片')).toBeTruthy();
    const file = new File([new Uint8Array([137, 80, 78, 71])], '接线 图.png', { type: 'image/png' });
    fireEvent.change(getByLabelText('选择图片'), { target: { files: [file] } });
    await waitFor(() => expect(stem.value).toBe('如图所示，![说明](asset:接线-图.png)电路中的电流为（  ）。'));
    expect(calls).toEqual([
      { url: `/api/banks/6-31-01-03/5/assets?name=${encodeURIComponent('接线-图.png')}`, type: 'image/png', size: 4 },
    ]);
    const img = container.querySelector('.preview img') as HTMLImageElement;
    expect([img.getAttribute('src'), img.getAttribute('alt')]).toEqual([
      `/api/banks/6-31-01-03/5/assets/${encodeURIComponent('接线-图.png')}`,
      '说明',
    ]);
  });

  it('makes a file name the bank accepts and inserts at the end without a caret', () => {
    expect(assetName('电路 图 (1).PNG')).toBe('电路-图-1.png');
    expect(assetName('???.jpg')).toBe('图片.jpg');
    expect(insertImage('题干', undefined, 'a.png')).toBe('题干![说明](asset:a.png)');
  });
});
