import { createResource, createSignal, For } from 'solid-js';
import { client, ok } from '../../api.ts';
import { ErrorTable } from '../../components/ErrorTable.tsx';
import { Notice } from '../../components/Notice.tsx';
import { createAction } from '../../components/run.ts';

/** `datetime-local` values are China time (the test rooms' time): send them with the +08:00 offset. */
const instant = (local: string): string => `${local.length === 16 ? `${local}:00` : local}+08:00`;

/** The batch plan: number, name, bank, one exam window, one room and its proctor (more rooms: the CLI for now). */
export function CreateBatch(props: { onCreated: (id: string) => void }) {
  const [banks] = createResource(() => ok(client.banks.$get()));
  const [f, setF] = createSignal({
    planNumber: '',
    name: '',
    bank: '',
    startsAt: '',
    endsAt: '',
    roomCode: '01',
    roomName: '第一考场',
    seats: '30',
    proctors: '',
    assessors: '',
    supervisors: '',
  });
  const set = (k: keyof ReturnType<typeof f>) => (e: { currentTarget: { value: string } }) =>
    setF({ ...f(), [k]: e.currentTarget.value });
  const action = createAction();
  const create = () =>
    void action.run(
      async () => {
        const v = f();
        const bank = banks()?.find((b) => `${b.occupationCode}/${b.level}` === v.bank);
        if (!bank) throw new Error('请选择题库（职业与等级）');
        const names = (text: string) => text.split(/[,，、\s]+/).filter((p) => p !== '');
        const body = {
          planNumber: v.planNumber,
          name: v.name,
          occupationCode: bank.occupationCode,
          level: bank.level,
          showScore: false,
          windows: [{ startsAt: instant(v.startsAt), endsAt: instant(v.endsAt) }],
          rooms: [{ code: v.roomCode, name: v.roomName, seats: Number(v.seats), columns: 6, window: 0 }],
          staff: [
            ...names(v.proctors).map((username) => ({ username, duty: 'proctor' as const, room: v.roomCode })),
            ...names(v.assessors).map((username) => ({ username, duty: 'assessor' as const })),
            ...names(v.supervisors).map((username) => ({ username, duty: 'supervisor' as const })),
          ],
        };
        const res = await ok(client.batches.$post({ json: body }));
        props.onCreated(res.id);
        return res;
      },
      () => '批次已创建',
    );
  return (
    <form
      class="panel create-batch"
      aria-label="新建批次"
      onSubmit={(e) => {
        e.preventDefault();
        create();
      }}
    >
      <h3>新建认定批次</h3>
      <div class="row">
        <label>
          认定计划号
          <input value={f().planNumber} onInput={set('planNumber')} />
        </label>
        <label class="wide">
          批次名称
          <input value={f().name} onInput={set('name')} />
        </label>
        <label>
          题库
          <select value={f().bank} onChange={set('bank')}>
            <option value="">请选择</option>
            <For each={banks()}>{(b) => <option value={`${b.occupationCode}/${b.level}`}>{b.label}</option>}</For>
          </select>
        </label>
      </div>
      <div class="row">
        <label>
          开考时间
          <input type="datetime-local" value={f().startsAt} onInput={set('startsAt')} />
        </label>
        <label>
          结束时间
          <input type="datetime-local" value={f().endsAt} onInput={set('endsAt')} />
        </label>
      </div>
      <div class="row">
        <label>
          考场编号
          <input value={f().roomCode} onInput={set('roomCode')} />
        </label>
        <label>
          考场名称
          <input value={f().roomName} onInput={set('roomName')} />
        </label>
        <label>
          座位数
          <input type="number" min="1" value={f().seats} onInput={set('seats')} />
        </label>
        <label class="wide">
          监考（用户名，逗号分隔）
          <input value={f().proctors} onInput={set('proctors')} />
        </label>
      </div>
      <div class="row">
        <label class="wide">
          考评员（用户名，逗号分隔）
          <input value={f().assessors} onInput={set('assessors')} />
        </label>
        <label class="wide">
          内部督导员（用户名，逗号分隔；开考前每个职业至少 2 名）
          <input value={f().supervisors} onInput={set('supervisors')} />
        </label>
      </div>
      <button type="submit" class="primary" disabled={action.busy()}>
        创建批次
      </button>
      <Notice ok={action.ok()} error={action.error()} />
      <ErrorTable
        problems={action.problems().map((p) => ({ ...p, column: (p as { path?: string }).path ?? p.column }))}
        caption="需要修正"
      />
    </form>
  );
}
