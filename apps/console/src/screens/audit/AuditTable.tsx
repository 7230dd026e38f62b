import { chinaTime } from '@kaowu/domain/browser';
import { A } from '@solidjs/router';
import { Grid } from '../../components/Grid.tsx';
import { shortHash, whoText } from './audit-filter.ts';
import type { AuditRecord } from './types.ts';

const only = (params: Record<string, string>): string => `/audit?${new URLSearchParams(params)}`;

/**
 * The records, newest first: when (Beijing time), who, what, which, the detail in words (the full detail on
 * hover) and the record's hash (shortened; in full with the previous record's on hover). A person or a subject
 * is a link to their own records, so a trail can be followed back (倒查).
 */
export function AuditTable(props: { records: readonly AuditRecord[] }) {
  return (
    <Grid
      class="audit-table"
      label="审计记录列表"
      columns={['序号', '时间（北京时间）', '操作人', '操作', '对象', '说明', '校验码']}
      rows={props.records}
    >
      {(r) => (
        <tr data-seq={r.seq}>
          <td class="num">{r.seq}</td>
          <td>
            <time datetime={r.at}>{chinaTime(r.at, 'second')}</time>
          </td>
          <td>
            <A href={only({ actor: r.actor.username })} title={`只看 ${r.actor.username} 的记录`}>
              {whoText(r)}
            </A>
          </td>
          <td title={r.action}>{r.actionLabel}</td>
          <td>
            <A
              href={only({ entity: r.entity, entityId: r.entityId })}
              title={`只看该对象的记录（${r.entity} ${r.entityId}）`}
            >
              {r.subject}
            </A>
          </td>
          <td class="summary" title={JSON.stringify(r.detail, null, 1)}>
            {r.summary || '—'}
          </td>
          <td>
            <code class="mono" title={`本条校验码 ${r.hash}\n前一条校验码 ${r.prevHash}`}>
              {shortHash(r.hash)}
            </code>
          </td>
        </tr>
      )}
    </Grid>
  );
}
