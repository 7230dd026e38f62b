import pg from 'pg';

/** A LISTEN connection; `close()` ends it for good. */
export interface PostgresListener {
  close(): Promise<void>;
}

export interface ListenHandlers {
  /** A notification on one of the channels (any process's, this one's included). */
  readonly message: (channel: string, payload: string) => void;
  /**
   * Called with false when the connection is lost (notifications sent meanwhile are lost with it) and with true
   * once it listens again: a cache fed by notifications must distrust itself in between.
   */
  readonly connected?: (up: boolean) => void;
}

/**
 * LISTENs on `channels` over one dedicated connection (not the pool's: a pooled connection is shared), and
 * reconnects every `retryMs` while the database is unreachable. Resolves once listening.
 */
export async function listenPostgres(
  url: string,
  channels: readonly string[],
  handlers: ListenHandlers,
  retryMs = 250,
): Promise<PostgresListener> {
  let closed = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  const connect = async (first = false): Promise<void> => {
    const c = new pg.Client({ connectionString: url, application_name: 'kaowu-listen' });
    let lost = false;
    const onLost = (): void => {
      if (lost || closed) return;
      lost = true;
      handlers.connected?.(false);
      void c.end().catch(() => undefined);
      retry = setTimeout(() => void connect().catch(() => undefined), retryMs);
    };
    c.on('error', onLost);
    c.on('end', onLost);
    c.on('notification', (n) => handlers.message(n.channel, n.payload ?? ''));
    try {
      await c.connect();
      for (const ch of channels) await c.query(`listen ${pg.escapeIdentifier(ch)}`);
    } catch (e) {
      if (first) {
        closed = true;
        void c.end().catch(() => undefined);
      } else onLost();
      throw e;
    }
    client = c;
    handlers.connected?.(true);
  };
  await connect(true);
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
