import { createEffect } from 'solid-js';
import { createStore } from 'solid-js/store';
import { Options } from '../../components/Options.tsx';
import type { BatchSummary } from '../../contract.ts';
import { emptyFilter, type AuditFilterForm } from './audit-filter.ts';
import type { AuditVocabulary } from './types.ts';

/**
 * The filter bar (each control named by aria-label too: a select's label would otherwise take in its chosen
 * option's text). Edits stay in the form until 筛选 puts them into the address; the form follows the address
 * (a shared link, the back button, a click on a record's person or subject).
 */
export function AuditFilters(props: {
  value: AuditFilterForm;
  vocabulary: AuditVocabulary | undefined;
  batches: readonly BatchSummary[] | undefined;
  onApply: (form: AuditFilterForm) => void;
}) {
  const [form, setForm] = createStore<AuditFilterForm>(emptyFilter());
  createEffect(() => setForm({ ...props.value }));
  const field = (key: keyof AuditFilterForm) => ({
    value: form[key],
    onInput: (e: InputEvent & { currentTarget: HTMLInputElement }) => setForm(key, e.currentTarget.value),
  });
  return (
    <search aria-label="筛选审计记录">
      <form
        class="audit-filters"
        onSubmit={(e) => {
          e.preventDefault();
          props.onApply({ ...form });
        }}
      >
        <label>
          批次
          <select aria-label="批次" onChange={(e) => setForm('batch', e.currentTarget.value)}>
            <Options
              none="全部批次"
              choices={props.batches?.map((b) => ({ value: b.planNumber, name: `${b.planNumber} ${b.name}` }))}
              selected={form.batch}
            />
            {/* A plan number from a shared link that is not in the list still shows (the server decides access). */}
            {form.batch && !props.batches?.some((b) => b.planNumber === form.batch) ? (
              <option value={form.batch} selected>
                {form.batch}
              </option>
            ) : null}
          </select>
        </label>
        <label>
          操作
          <select aria-label="操作" onChange={(e) => setForm('action', e.currentTarget.value)}>
            <option value="" selected={form.action === ''}>
              全部操作
            </option>
            <optgroup label="按类别">
              <Options
                choices={props.vocabulary?.actionGroups.map((g) => ({ value: g.prefix, name: `${g.label}（全部）` }))}
                selected={form.action}
              />
            </optgroup>
            <optgroup label="具体操作">
              <Options
                choices={props.vocabulary?.actions.map((a) => ({ value: a.action, name: a.label }))}
                selected={form.action}
              />
            </optgroup>
            {form.action &&
            props.vocabulary &&
            !props.vocabulary.actions.some((a) => a.action === form.action) &&
            !props.vocabulary.actionGroups.some((g) => g.prefix === form.action) ? (
              <option value={form.action} selected>
                {form.action}
              </option>
            ) : null}
          </select>
        </label>
        <label>
          操作人（用户名）
          <input aria-label="操作人" {...field('actor')} size={12} placeholder="如 admin" />
        </label>
        <label>
          对象类型
          <select aria-label="对象类型" onChange={(e) => setForm('entity', e.currentTarget.value)}>
            <Options
              none="全部"
              choices={props.vocabulary?.entities.map((t) => ({ value: t.entity, name: t.label }))}
              selected={form.entity}
            />
          </select>
        </label>
        <label>
          对象编号
          <input
            aria-label="对象编号"
            {...field('entityId')}
            size={16}
            disabled={form.entity === ''}
            title={form.entity === '' ? '先选择对象类型' : undefined}
          />
        </label>
        <label>
          开始日期
          <input type="date" aria-label="开始日期" {...field('from')} />
        </label>
        <label>
          结束日期
          <input type="date" aria-label="结束日期" {...field('to')} />
        </label>
        <label>
          详情包含
          <input aria-label="详情包含" {...field('text')} size={12} />
        </label>
        <span class="audit-filter-buttons">
          <button type="submit" class="primary">
            筛选
          </button>
          <button type="button" onClick={() => props.onApply(emptyFilter())}>
            清除筛选
          </button>
        </span>
      </form>
    </search>
  );
}
