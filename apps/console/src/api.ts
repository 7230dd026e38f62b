/** The staff API as the console uses it: cookie session, CSRF header on every change, errors as values with Chinese messages. */

export interface CellProblem {
  readonly sheet?: string;
  readonly row?: number;
  readonly column?: string;
  readonly field?: string;
  readonly message: string;
}

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details: readonly unknown[] = [],
  ) {
    super(message);
  }
}

let csrf = '';
export const setCsrf = (token: string): void => {
  csrf = token;
};

async function errorOf(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => ({}))) as {
    error?: { code?: string; message?: string; details?: unknown[] };
  };
  const e = body.error ?? {};
  return new ApiError(e.code ?? 'unknown', e.message ?? `请求失败（${res.status}）`, res.status, e.details ?? []);
}

async function send(method: string, path: string, body?: BodyInit, type?: string): Promise<Response> {
  const headers: Record<string, string> = {};
  if (method !== 'GET') headers['x-csrf-token'] = csrf;
  if (type) headers['content-type'] = type;
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { method, headers, body: body ?? null, credentials: 'same-origin' });
  } catch {
    throw new ApiError('offline', '无法连接服务器，请检查网络后重试', 0);
  }
  if (!res.ok) throw await errorOf(res);
  return res;
}

export const api = {
  get: async <T>(path: string): Promise<T> => (await (await send('GET', path)).json()) as T,
  post: async <T>(path: string, body: unknown = {}): Promise<T> =>
    (await (await send('POST', path, JSON.stringify(body), 'application/json')).json()) as T,
  put: async <T>(path: string, body: unknown = {}): Promise<T> =>
    (await (await send('PUT', path, JSON.stringify(body), 'application/json')).json()) as T,
  /** Uploads a file as the request body (a workbook unless another type is given). */
  upload: async <T>(
    path: string,
    file: Blob,
    type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ): Promise<T> => (await (await send('POST', path, file, type)).json()) as T,
  /** Fetches a file and hands it to the browser as a download under its server-given name. */
  async download(path: string, fallbackName: string): Promise<void> {
    const res = await send('GET', path);
    const cd = res.headers.get('content-disposition') ?? '';
    const name = /filename\*=UTF-8''([^;]+)/.exec(cd)?.[1];
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = name ? decodeURIComponent(name) : fallbackName;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};

export const bankPath = (bank: { occupationCode: string; level: number }): string =>
  `/banks/${bank.occupationCode}/${bank.level}`;

/** Problems of a refused workbook or request, as table rows. */
export const problemsOf = (e: unknown): CellProblem[] =>
  e instanceof ApiError
    ? e.details.filter((d): d is CellProblem => typeof d === 'object' && d !== null && 'message' in d)
    : [];

export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));
