import { levelLabel } from '@kaowu/domain/browser';
import { A, useParams } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import { client, ok } from '../../api.ts';
import { Grid } from '../../components/Grid.tsx';
import { NotFound } from '../NotFound.tsx';
import { BANK_TABS, BankPage } from './BankPage.tsx';

const bankHref = (b: { occupationCode: string; level: number }) =>
  `/banks/${encodeURIComponent(b.occupationCode)}/${b.level}`;

/** /banks: occupation → level → bank, the authoring app's starting point. */
export function BanksPage() {
  const [banks] = createResource(() => ok(client.banks.$get()));
  // Registered assessors of some occupation also see what waits for their certification.
  const certifies = () => banks()?.some((b) => b.toCertify !== null) ?? false;
  return (
    <section aria-label="题库">
      <h2>题库</h2>
      <Grid
        columns={['职业', '职业编码', '等级', '试题', '已通过', '待我审核', ...(certifies() ? ['待认证变更'] : []), '']}
        rows={banks()}
      >
        {(b) => (
          <tr>
            <td>{b.occupationName}</td>
            <td>{b.occupationCode}</td>
            <td>{levelLabel(b.level as 5)}</td>
            <td>{b.items}</td>
            <td>{b.approved}</td>
            <td data-testid={`to-review-${b.occupationCode}-${b.level}`}>{b.toReview}</td>
            <Show when={certifies()}>
              <td data-testid={`to-certify-${b.occupationCode}-${b.level}`}>{b.toCertify ?? '—'}</td>
            </Show>
            <td>
              <A class="button primary" href={bankHref(b)}>
                打开 {b.label}
              </A>
            </td>
          </tr>
        )}
      </Grid>
    </section>
  );
}

/**
 * /banks/:occupation/:level/:tab? — one bank; the tab, the chosen point and the item being edited
 * live in the address.
 */
export function BankRoute() {
  const params = useParams<{ occupation: string; level: string; tab?: string }>();
  const [banks] = createResource(() => ok(client.banks.$get()));
  const bank = () => banks()?.find((b) => b.occupationCode === params.occupation && String(b.level) === params.level);
  const tab = () => (params.tab === undefined ? undefined : BANK_TABS.find((t) => t === params.tab));
  return (
    <Show when={banks()} fallback={<p>正在载入题库…</p>}>
      <Show when={bank() && (params.tab === undefined || tab())} fallback={<NotFound />}>
        <A class="back" href="/banks">
          ← 全部题库
        </A>
        <Show when={bank()} keyed>
          {(b) => <BankPage bank={{ occupationCode: b.occupationCode, level: b.level }} label={b.label} tab={tab()} />}
        </Show>
      </Show>
    </Show>
  );
}
