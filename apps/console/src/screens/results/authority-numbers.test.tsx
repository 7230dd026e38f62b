import { fireEvent, render } from '@solidjs/testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthorityNumbersPanel } from './AuthorityNumbersPanel.tsx';

afterEach(() => vi.restoreAllMocks());

describe('人社部门赋码', () => {
  it('uploads the workbook and shows every bad row the server refused', async () => {
    const problem = (row: number, field: string, message: string) => ({
      sheet: '证书编号',
      row,
      column: field === '身份证号' ? 'A' : 'B',
      field,
      message,
    });
    // The body is the workbook itself (the shared fake server reads JSON bodies only).
    const calls: { url: string; method: string; body: unknown }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        calls.push({ url, method: init?.method ?? 'GET', body: init?.body });
        const error = {
          code: 'invalid',
          message: '证书编号工作簿有 2 处问题，未导入',
          en: 'invalid authority numbers',
          details: [problem(3, '证书编号', '与第 2 行重复'), problem(4, '身份证号', '不是本批次认定合格的考生')],
        };
        return new Response(JSON.stringify({ error }), {
          status: 400,
          headers: { 'content-type': 'application/json' },
        });
      }),
    );
    const { getByLabelText, getByText, findByRole } = render(() => (
      <AuthorityNumbersPanel batchId="b1" onImported={() => {}} />
    ));
    const file = new File([new Uint8Array([80, 75, 3, 4])], '赋码.xlsx');
    fireEvent.change(getByLabelText('选择证书编号工作簿'), { target: { files: [file] } });
    fireEvent.click(getByText('导入证书编号'));
    const table = await findByRole('table', { name: '错误列表' });
    const rows = [...table.querySelectorAll('tbody tr')].map((r) => r.textContent);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('与第 2 行重复');
    expect(rows[1]).toContain('不是本批次认定合格的考生');
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['POST /api/batches/b1/certificates/numbers/import']);
    expect(calls[0]!.body).toBe(file);
  });
});
