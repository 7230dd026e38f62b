import { cleanup, fireEvent, render } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
import type { RosterLine } from '../../contract.ts';
import { fakeServer } from '../../testing/fake-server.ts';
import { RosterTable } from './RosterTable.tsx';

const line = (seat: number, name: string, over: Partial<RosterLine> = {}): RosterLine => ({
  candidateId: `c${seat}`,
  ticket: `202611020101${String(seat).padStart(3, '0')}`,
  name,
  idNumber: `11010519900101${String(seat).padStart(3, '0')}X`,
  sex: '男',
  education: '高中',
  unit: seat % 2 ? '运行一班' : '检修二班',
  room: '01',
  seat,
  form: seat % 2 ? 'A' : 'B',
  status: 'not_logged_in',
  statusName: '未登录',
  photo: null,
  identity: null,
  identityName: '未核验',
  accommodation: '',
  ...over,
});
const roster = [
  line(1, '王小明'),
  line(2, '李华', { status: 'submitted', statusName: '已交卷', identity: 'checked', identityName: '已核验' }),
  line(3, '张伟', { accommodation: '延时 30 分钟，大字号' }),
];
const rows = (table: HTMLElement) =>
  [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));

describe('the roster table', () => {
  it('shows seat, form, status, 实名核验 and 便利安排, and narrows as one types', async () => {
    fakeServer({ 'GET /batches/b1/candidates': () => [200, roster] });
    const { findByRole, getByLabelText, getByRole } = render(() => <RosterTable batchId="b1" canEdit={false} />);
    const table = await findByRole('table', { name: '考生列表' });
    await new Promise((r) => setTimeout(r, 0));
    expect(rows(table)[1]).toEqual([
      '01',
      '2',
      'B',
      roster[1]!.ticket,
      '李华',
      roster[1]!.idNumber,
      '检修二班',
      '已交卷',
      '已核验',
      '—',
    ]);
    expect(rows(table)[2]?.slice(-2)).toEqual(['未核验', '延时 30 分钟，大字号']);
    expect(table.querySelectorAll('th')[0]?.textContent).toBe('考场'); // no photo column without photos
    fireEvent.input(getByLabelText('查找考生'), { target: { value: '检修' } });
    expect(rows(table).map((r) => r[4])).toEqual(['李华']);
    expect(getByRole('status', { name: '考生人数' }).textContent).toBe('找到 1 人（共 3 人）');
    fireEvent.input(getByLabelText('查找考生'), { target: { value: '赵' } });
    expect(rows(table)).toEqual([['没有找到符合条件的考生。']]);
    fireEvent.input(getByLabelText('查找考生'), { target: { value: '未核验' } });
    expect(rows(table).map((r) => r[4])).toEqual(['王小明', '张伟']);
    // Without batch.manage there is nothing to do on a line.
    expect(table.querySelectorAll('button, input[type=file]')).toHaveLength(0);
  });

  it('lets whoever manages the batch upload a photo and set an accommodation on a line, then reads it again', async () => {
    let current = roster;
    const calls = fakeServer({
      'GET /batches/b1/candidates': () => [200, current],
      'PUT /candidates/c3/accommodation': () => {
        current = roster.map((l) => (l.candidateId === 'c3' ? { ...l, accommodation: '延时 15 分钟' } : l));
        return [200, { extraMinutes: 15, timeFactor: 1, largeFont: false }];
      },
    });
    const { findByRole, getByRole, findByLabelText, findByText } = render(() => <RosterTable batchId="b1" canEdit />);
    const table = await findByRole('table', { name: '考生列表' });
    expect(await findByLabelText('上传 张伟 的照片')).toBeTruthy();
    fireEvent.click(getByRole('button', { name: '张伟 的便利安排' }));
    const form = getByRole('form', { name: '张伟 的便利安排' });
    fireEvent.input(form.querySelector('input[type=number]')!, { target: { value: '15' } });
    fireEvent.submit(form);
    await findByText('张伟 的便利安排已保存');
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ extraMinutes: 15, timeFactor: 1, largeFont: false });
    await findByText('延时 15 分钟');
    expect(rows(table)[2]?.at(-2)).toBe('延时 15 分钟');
  });

  it('offers no change on the line of a candidate who handed in, and none at all once the exam is over', async () => {
    fakeServer({ 'GET /batches/b1/candidates': () => [200, roster] });
    const during = render(() => <RosterTable batchId="b1" canEdit stage="exam" />);
    await during.findByRole('button', { name: '修改 王小明' });
    expect(during.queryByRole('button', { name: '修改 李华' })).toBeNull();
    expect(during.queryByLabelText('上传 李华 的照片')).toBeNull();
    expect(rows(during.getByRole('table', { name: '考生列表' }))[1]?.at(-1)).toBe('已交卷，不再更改');
    cleanup();
    const after = render(() => <RosterTable batchId="b1" canEdit stage="certified" />);
    const table = await after.findByRole('table', { name: '考生列表' });
    await after.findByText('王小明');
    expect(after.queryAllByRole('button')).toEqual([]);
    expect(table.querySelectorAll('input[type=file]')).toHaveLength(0);
    expect(table.querySelector('thead th:last-child')?.textContent).toBe('便利安排');
    expect(after.getByText('本批次考试已结束，考生信息、照片和便利安排按考试时的记录保留，不再更改。')).toBeTruthy();
  });

  it('shows a photo column once a candidate has a photo', async () => {
    fakeServer({
      'GET /batches/b1/candidates': () => [200, [line(1, '王小明', { photo: '/api/photos/c1' }), line(2, '李华')]],
    });
    const { findByAltText, getByRole } = render(() => <RosterTable batchId="b1" canEdit={false} />);
    expect((await findByAltText('王小明的照片')).getAttribute('src')).toBe('/api/photos/c1');
    expect(getByRole('table', { name: '考生列表' }).querySelector('th')?.textContent).toBe('照片');
  });

  it('corrects a line: a field says what is wrong only after it was touched, and only the changes are sent', async () => {
    const calls = fakeServer({
      'GET /batches/b1/candidates': () => [200, roster],
      'PATCH /batches/b1/candidates/c1': () => [200, { ...roster[0]!, name: '王晓明', seat: 5, form: 'A' }],
    });
    const { findByLabelText, getByLabelText, queryByText, findByText, getByRole } = render(() => (
      <RosterTable batchId="b1" canEdit />
    ));
    fireEvent.click(await findByLabelText('修改 王小明'));
    const name = getByLabelText('姓名') as HTMLInputElement;
    expect(queryByText('姓名不能为空')).toBeNull();
    fireEvent.input(name, { target: { value: '' } });
    expect(queryByText('姓名不能为空')).toBeNull(); // typing, not yet left the field
    fireEvent.blur(name);
    expect(queryByText('姓名不能为空')).not.toBeNull();
    expect((getByRole('button', { name: '保存' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.input(name, { target: { value: '王晓明' } });
    fireEvent.input(getByLabelText('座位号'), { target: { value: '5' } });
    fireEvent.click(getByRole('button', { name: '保存' }));
    await findByText('王晓明');
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ name: '王晓明', seat: 5 });
  });

  it('keeps the line open with the server’s refusal and its code', async () => {
    fakeServer({
      'GET /batches/b1/candidates': () => [200, roster],
      'PATCH /batches/b1/candidates/c1': () => [
        409,
        { error: { code: 'conflict', message: '座位号：考场 01 座位 3 已有考生 张伟' } },
      ],
    });
    const { findByLabelText, getByLabelText, getByRole, findByRole } = render(() => (
      <RosterTable batchId="b1" canEdit />
    ));
    fireEvent.click(await findByLabelText('修改 王小明'));
    fireEvent.input(getByLabelText('座位号'), { target: { value: '3' } });
    fireEvent.click(getByRole('button', { name: '保存' }));
    const alert = await findByRole('alert');
    expect(alert.textContent).toContain('座位号：考场 01 座位 3 已有考生 张伟');
    expect(alert.querySelector('code')?.textContent).toBe('conflict');
    expect((getByLabelText('座位号') as HTMLInputElement).value).toBe('3');
  });
});
