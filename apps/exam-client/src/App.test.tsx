import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from './api/types.ts';
import { App, type AppProps } from './App.tsx';
import { FakeApi, testPaper } from './testing/fake-api.ts';

afterEach(cleanup);

const press = (key: string) => fireEvent.keyDown(document, { key });
const item = () => document.querySelector('article.kw-item');
const saveText = () => document.querySelector('.kw-save')?.textContent ?? '';

/** The test paper with its first item's stem replaced (figures, markup that must show as text). */
function withFirstStem(stem: string) {
  const paper = testPaper();
  const [section, ...sections] = paper.sections;
  const [first, ...items] = section!.items;
  return { ...paper, sections: [{ ...section!, items: [{ ...first!, stem }, ...items] }, ...sections] };
}

/** The app as the candidate's computer opens it. */
const renderApp = (api: FakeApi, props: Pick<AppProps, 'resume' | 'retryMs'> = {}) =>
  render(() => <App api={api} storage={localStorage} deviceId="device-0001" {...props} />);

/** The app after a reload: the session it kept in storage is still valid. */
const renderReloaded = (api: FakeApi) =>
  renderApp(api, { resume: { token: 't', expiresAt: api.now + 600_000, attemptId: 'att-1' } });

/** The candidate types a valid ticket and ID number and clicks 登录. */
function logIn(): void {
  fireEvent.input(screen.getByLabelText('准考证号'), { target: { value: '202611020101001' } });
  fireEvent.input(screen.getByLabelText('身份证号'), { target: { value: '440308197501011009' } });
  fireEvent.click(screen.getByRole('button', { name: '登录' }));
}

async function loginAndStart(api: FakeApi): Promise<void> {
  renderApp(api, { retryMs: 10 });
  logIn();
  fireEvent.click(await screen.findByRole('button', { name: '开始答题' }));
  await waitFor(() => expect(item()).not.toBeNull());
}

describe('the exam client', () => {
  let api: FakeApi;
  beforeEach(() => {
    localStorage.clear();
    api = new FakeApi();
  });

  it('explains each login refusal in plain words', async () => {
    renderApp(api);
    const ticket = screen.getByLabelText('准考证号');
    const id = screen.getByLabelText('身份证号');
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    expect((await screen.findByRole('alert')).textContent).toBe('请输入准考证号');
    fireEvent.input(ticket, { target: { value: '202611020101001' } });
    fireEvent.input(id, { target: { value: '440308197501011009' } });
    // Each with its error code, for the candidate to tell the proctor.
    for (const [error, text] of [
      [
        new ApiError('unauthorized', '准考证号或身份证号不正确', 401),
        '准考证号或身份证号不正确，请核对后重新输入 错误代码 unauthorized',
      ],
      [
        new ApiError('room_not_open', '考场尚未开放', 403),
        '考场尚未开放，请等待监考员宣布开考后再登录 错误代码 room_not_open',
      ],
      [
        new ApiError('outside_window', '不在考试时间内（09:00 至 11:00）', 403),
        '不在考试时间内（09:00 至 11:00）。请联系监考员 错误代码 outside_window',
      ],
      [
        new ApiError('device_conflict', '…', 409),
        '您的考试正在另一台电脑上进行，请联系监考员。监考员批准换机后，再点击“登录”即可继续答题 错误代码 device_conflict',
      ],
    ] as const) {
      api.loginError = error;
      fireEvent.click(screen.getByRole('button', { name: '登录' }));
      await waitFor(() => expect(screen.getByRole('alert').textContent).toBe(text));
    }
  });

  it('shows the server failing at login with its code, and logs in when 登录 is clicked again', async () => {
    api.faulty.add('login');
    renderApp(api);
    logIn();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('服务器暂时无法处理请求，请稍后重试 错误代码 server');
    expect(alert.querySelector('code')!.textContent).toBe('server');
    api.faulty.clear();
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    await screen.findByRole('heading', { name: '请核对考生信息' });
  });

  it('says calmly that the network is down at login, without an error code', async () => {
    api.online = false;
    renderApp(api);
    logIn();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('无法连接考试服务器，请检查网线，或联系监考员');
    expect(alert.querySelector('code')).toBeNull();
  });

  it('shows who is sitting and the rules before starting', async () => {
    renderApp(api);
    logIn();
    await screen.findByRole('heading', { name: '请核对考生信息' });
    const facts = document.querySelector('.kw-facts')!.textContent!;
    for (const text of ['王伟', '440308********1009', '电工', '五级/初级工', '第一考场', '7 号', '90 分钟'])
      expect(facts).toContain(text);
    expect(screen.getByRole('button', { name: '开始答题' }).hasAttribute('disabled')).toBe(false);
  });

  // Time spent on the confirmation screen is not lost.
  it('starts the clock only when 开始答题 is clicked', async () => {
    renderApp(api);
    logIn();
    await screen.findByRole('heading', { name: '请核对考生信息' });
    expect(document.querySelector('.kw-facts')!.textContent).toContain(
      '电工（五级/初级工）理论知识考试（共 6 题，满分 6 分）',
    );
    expect([api.started, api.starts]).toEqual([false, 0]);
    api.now += 3 * 60_000; // three minutes reading (the countdown itself is checked in a real browser: e2e start-clock)
    const clickedAt = api.now;
    fireEvent.click(screen.getByRole('button', { name: '开始答题' }));
    await waitFor(() => expect(item()).not.toBeNull());
    expect(api.starts).toBe(1);
    expect(api.deadline).toBe(clickedAt + 90 * 60_000);
  });

  it('says so when the network is down at 开始答题, starts nothing, and starts on the next click', async () => {
    renderApp(api);
    logIn();
    const startButton = await screen.findByRole('button', { name: '开始答题' });
    api.online = false;
    fireEvent.click(startButton);
    expect((await screen.findByRole('alert')).textContent).toContain(
      '无法连接考试服务器，考试尚未开始，也没有开始计时',
    );
    expect([api.started, api.starts]).toEqual([false, 0]);
    expect(screen.getByRole('heading', { name: '请核对考生信息' })).not.toBeNull();
    api.online = true;
    fireEvent.click(screen.getByRole('button', { name: '开始答题' }));
    await waitFor(() => expect(item()).not.toBeNull());
    expect([api.started, api.starts]).toEqual([true, 1]);
  });

  it('shows the server failing at 开始答题 with its code, starts nothing, and starts on the next click', async () => {
    renderApp(api);
    logIn();
    const startButton = await screen.findByRole('button', { name: '开始答题' });
    api.faulty.add('start');
    fireEvent.click(startButton);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('考试服务器暂时出错，考试尚未开始，也没有开始计时');
    expect(alert.querySelector('code')!.textContent).toBe('server');
    expect(api.started).toBe(false);
    api.faulty.clear();
    fireEvent.click(screen.getByRole('button', { name: '开始答题' }));
    await waitFor(() => expect(item()).not.toBeNull());
  });

  it('keeps retrying calmly while the server fails to serve the paper, with the code, then opens it', async () => {
    api.faulty.add('paper');
    renderApp(api, { retryMs: 10 });
    logIn();
    fireEvent.click(await screen.findByRole('button', { name: '开始答题' }));
    const notice = await screen.findByText(/考试服务器暂时出错，正在重试/);
    expect(notice.getAttribute('role')).toBe('status');
    expect(notice.querySelector('code')!.textContent).toBe('server');
    api.faulty.clear();
    await waitFor(() => expect(item()).not.toBeNull());
  });

  it('holds the start while the proctor has paused the room', async () => {
    api.paused = true;
    renderReloaded(api);
    await screen.findByRole('heading', { name: '请核对考生信息' });
    expect(screen.getByRole('status').textContent).toContain('考场暂停中');
    expect(screen.getByRole('button', { name: '开始答题' }).hasAttribute('disabled')).toBe(true);
  });

  it('answers by keyboard, saves each change, and marks the answer sheet', async () => {
    await loginAndStart(api);
    expect(item()!.getAttribute('data-item')).toBe('Q001');
    press('b'); // true/false: 错误
    await waitFor(() => expect(api.stored.get('Q001')?.response).toBe(false));
    press('ArrowRight');
    press('1');
    press('ArrowRight');
    expect(item()!.getAttribute('data-item')).toBe('Q003');
    press('c'); // single choice
    press('ArrowRight');
    press('ArrowRight');
    expect(item()!.getAttribute('data-item')).toBe('Q005'); // multiple choice
    press('a');
    press('ArrowDown');
    press('ArrowDown');
    press(' ');
    press('m');
    await waitFor(() => expect(saveText()).toBe('已保存'));
    expect([...api.stored].map(([code, a]) => [code, a.response])).toEqual([
      ['Q001', false],
      ['Q002', true],
      ['Q003', 2],
      ['Q005', [0, 2]],
    ]);
    expect(document.querySelectorAll('.kw-sheet-grid .kw-cell.answered')).toHaveLength(4);
    expect(document.querySelector('.kw-sheet-grid .kw-cell.flagged')?.getAttribute('data-item')).toBe('Q005');
    expect(document.querySelector('.kw-sheet-count')!.textContent).toContain('已答 4 / 6');
  });

  it('keeps answering offline, shows how many answers wait, and sends them when the network is back', async () => {
    await loginAndStart(api);
    api.online = false;
    press('a');
    press('ArrowRight');
    press('b');
    await waitFor(() => expect(saveText()).toBe('离线，答案已保存在本机（2 条待发送）'));
    expect(api.stored.size).toBe(0);
    api.online = true;
    window.dispatchEvent(new Event('online'));
    await waitFor(() => expect(saveText()).toBe('已保存'));
    expect(api.stored.size).toBe(2);
  });

  it('lists unanswered and flagged items before submitting, then shows the finished screen', async () => {
    await loginAndStart(api);
    press('a');
    press('m');
    fireEvent.click(screen.getByRole('button', { name: '交卷' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.querySelector('[data-list="unanswered"]')!.textContent).toBe('23456');
    expect(dialog.querySelector('[data-list="flagged"]')!.textContent).toBe('1');
    // A number jumps back to that item.
    fireEvent.click(dialog.querySelector('[data-list="unanswered"] button')!);
    expect(item()!.getAttribute('data-item')).toBe('Q002');
    fireEvent.click(screen.getByRole('button', { name: '交卷' }));
    fireEvent.click(await screen.findByRole('button', { name: '确认交卷' }));
    await screen.findByRole('heading', { name: '您已交卷' });
    expect(api.submitted).toBe(true);
    expect(api.stored.get('Q001')?.response).toBe(true);
    expect(Object.keys(localStorage).filter((k) => k.startsWith('kaowu.exam.att-1'))).toEqual([]);
  });

  it('covers the paper the moment the proctor pauses the exam, without waiting for the next poll', async () => {
    await loginAndStart(api);
    await waitFor(() => expect(api.watching).toBe(1));
    api.paused = true; // the server answers the open watch
    await waitFor(() => expect(document.querySelector('.kw-cover')?.getAttribute('data-reason')).toBe('paused'), {
      timeout: 1000,
    });
    expect(item()).toBeNull();
    press('a');
    expect(api.saves).toHaveLength(0);
  });

  it('keeps an answer the server refused during a pause, and sends it as soon as the proctor resumes', async () => {
    await loginAndStart(api);
    await waitFor(() => expect(api.watching).toBe(1));
    // The pause is on the server but not yet on this screen: the candidate answers, the server refuses.
    api.paused = true;
    press('a');
    await waitFor(() => expect(document.querySelector('.kw-cover')?.getAttribute('data-reason')).toBe('paused'));
    expect(api.stored.size).toBe(0);
    expect(document.querySelector('.kw-save')?.getAttribute('data-pending')).toBe('1');
    api.paused = false;
    await waitFor(() => expect(api.stored.get('Q001')?.response).toBe(true), { timeout: 1000 });
    await waitFor(() => expect(document.querySelector('.kw-save')?.getAttribute('data-pending')).toBe('0'));
  });

  it('tells a candidate whose paper the proctor collected that the proctor submitted it', async () => {
    await loginAndStart(api);
    await waitFor(() => expect(api.watching).toBe(1));
    api.submitReason = 'proctor';
    api.submitted = true;
    api.announce();
    await screen.findByRole('heading', { name: '监考员已为您收卷' }, { timeout: 1000 });
    expect(screen.queryByText('您已交卷')).toBeNull();
  });

  it('says where the exam went when a proctor moved it to another computer', async () => {
    await loginAndStart(api);
    api.revoked = true;
    press('a');
    await screen.findByRole('heading', { name: '考试已转到另一台电脑' });
  });

  it('says so the moment a proctor approves the move, before the candidate touches anything', async () => {
    await loginAndStart(api);
    await waitFor(() => expect(api.watching).toBe(1));
    api.revoked = true;
    api.announce();
    await screen.findByRole('heading', { name: '考试已转到另一台电脑' }, { timeout: 1000 });
  });

  it('after a reload before the start, comes back to the confirmation screen with no clock running', async () => {
    renderReloaded(api);
    await screen.findByRole('heading', { name: '请核对考生信息' });
    expect(api.started).toBe(false);
  });

  it('resumes after a reload exactly where the candidate was', async () => {
    await loginAndStart(api);
    press('a');
    press('ArrowRight');
    press('ArrowRight');
    press('m');
    await waitFor(() => expect(saveText()).toBe('已保存'));
    cleanup();
    renderReloaded(api);
    await waitFor(() => expect(item()?.getAttribute('data-item')).toBe('Q003'));
    expect(document.querySelector('.kw-sheet-grid .kw-cell.answered')?.getAttribute('data-item')).toBe('Q001');
    expect(document.querySelector('.kw-sheet-grid .kw-cell.flagged')?.getAttribute('data-item')).toBe('Q003');
  });

  it("shows the paper's figures, fetched once with the candidate's token, and bank text only as text", async () => {
    api = new FakeApi(withFirstStem('如图所示 <b onclick=x>粗</b>\n\n![电路图](asset:fig1.png)'));
    api.assets.set('fig1.png', 'data:image/png;base64,iVBORw0KGgo=');
    await loginAndStart(api);
    const img = item()!.querySelector('img')!;
    expect(img.getAttribute('src')).toBe('data:image/png;base64,iVBORw0KGgo=');
    expect(img.getAttribute('alt')).toBe('电路图');
    expect(item()!.querySelector('b')).toBeNull();
    expect(item()!.textContent).toContain('<b onclick=x>粗</b>');
  });

  it('says which figures failed to load, with the code, and loads them on 重试', async () => {
    api = new FakeApi(withFirstStem('如图所示\n\n![电路图](asset:fig1.png)'));
    api.assets.set('fig1.png', 'data:image/png;base64,iVBORw0KGgo=');
    api.faulty.add('asset');
    await loginAndStart(api);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('有 1 张图片未能载入');
    expect(alert.querySelector('code')!.textContent).toBe('server');
    expect(item()!.querySelector('img')!.getAttribute('src')).toBe('');
    api.faulty.clear();
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    await waitFor(() =>
      expect(item()!.querySelector('img')!.getAttribute('src')).toBe('data:image/png;base64,iVBORw0KGgo='),
    );
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
