import { createSignal, onCleanup, onMount, type JSX } from 'solid-js';
import { ApiError, isApiError, problemOf, type ExamApi, type LoginResult, type Problem } from '../api/types.ts';
import { Alert } from '../components/Alert.tsx';

/** What the candidate reads for each refusal: calm, and always saying what to do next. */
export function loginMessage(e: unknown): string {
  if (!isApiError(e)) return '登录失败，请联系监考员';
  switch (e.code) {
    case 'unauthorized':
      return '准考证号或身份证号不正确，请核对后重新输入';
    case 'invalid':
      return e.message || '请填写准考证号和身份证号';
    case 'room_not_open':
      return '考场尚未开放，请等待监考员宣布开考后再登录';
    case 'outside_window':
      return `${e.message}。请联系监考员`;
    case 'device_conflict':
      return '您的考试正在另一台电脑上进行，请联系监考员。监考员批准换机后，再点击“登录”即可继续答题';
    case 'attempt_submitted':
      return '您已交卷，不能再次登录答题。请联系监考员';
    case 'candidate_absent':
      return '您已被登记为缺考，请联系监考员';
    case 'rate_limited':
      return '尝试次数过多，请稍等一分钟再试，或联系监考员';
    case 'network':
      return '无法连接考试服务器，请检查网线，或联系监考员';
    case 'seb_required':
      return '请使用考场指定的考试浏览器登录，或联系监考员';
    default:
      return e.message || '登录失败，请联系监考员';
  }
}

export const TRANSFER_WAITING =
  '您的考试正在另一台电脑上进行，已向监考员申请换机。请举手示意监考员，批准后本机将自动继续答题，无需再次登录。';

export function Login(props: {
  api: ExamApi;
  deviceId: string;
  /** Why the candidate is back here (the login ran out, the exam could not go on). */
  notice?: Problem | undefined;
  onLogin: (login: LoginResult) => void;
}): JSX.Element {
  const [ticket, setTicket] = createSignal('');
  const [idNumber, setIdNumber] = createSignal('');
  const [error, setError] = createSignal<Problem>();
  const [busy, setBusy] = createSignal(false);
  let first!: HTMLInputElement;
  // Typing can start at once (autofocus on a rendered element waits for the next frame).
  onMount(() => first.focus());

  // A 换机 request waiting for the proctor: the login goes on by itself once approved.
  let waiting: AbortController | undefined;
  onCleanup(() => waiting?.abort());

  const logIn = async (t: string, id: string) => {
    setBusy(true);
    setError(undefined);
    try {
      props.onLogin(await props.api.login({ ticket: t, idNumber: id, deviceId: props.deviceId }));
    } catch (err) {
      setError(problemOf(err, loginMessage(err)));
      if (isApiError(err, 'device_conflict') && err.transferId !== undefined) void awaitTransfer(err.transferId, t, id);
    } finally {
      setBusy(false);
    }
  };

  /** Long-polls the proctor's decision; approved, it logs in again with what the candidate typed. */
  async function awaitTransfer(transferId: string, t: string, id: string): Promise<void> {
    waiting?.abort();
    const mine = new AbortController();
    waiting = mine;
    setError({ message: TRANSFER_WAITING });
    while (!mine.signal.aborted) {
      const status = await props.api.transfer(transferId, mine.signal).catch(() => 'offline');
      if (mine.signal.aborted) return;
      if (status === 'approved') return void logIn(t, id);
      if (status === 'offline') await new Promise((r) => setTimeout(r, 2000));
      else if (status !== 'pending') return void setError({ message: loginMessage(new ApiError('device_conflict')) });
    }
  }

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy()) return;
    waiting?.abort();
    const t = ticket().trim();
    const id = idNumber().trim().toUpperCase();
    if (t === '' || id === '') {
      setError({ message: t === '' ? '请输入准考证号' : '请输入身份证号' });
      return;
    }
    await logIn(t, id);
  };

  return (
    <main class="kw-screen kw-login">
      <h1>理论知识考试</h1>
      <p class="kw-lead">请输入准考证号和身份证号登录</p>
      <Alert problem={props.notice} calm />
      <form class="kw-form" onSubmit={submit} novalidate>
        <label>
          <span>准考证号</span>
          <input
            ref={first}
            name="ticket"
            inputMode="numeric"
            autocomplete="off"
            value={ticket()}
            onInput={(e) => setTicket(e.currentTarget.value)}
          />
        </label>
        <label>
          <span>身份证号</span>
          <input
            name="idNumber"
            autocomplete="off"
            maxLength={18}
            value={idNumber()}
            onInput={(e) => setIdNumber(e.currentTarget.value)}
          />
        </label>
        <Alert problem={error()} />
        <button type="submit" class="kw-primary" disabled={busy()}>
          {busy() ? '正在登录…' : '登录'}
        </button>
      </form>
    </main>
  );
}
