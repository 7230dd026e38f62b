import { For } from 'solid-js';
import { client, ok } from '../../api.ts';
import type { RosterLine } from '../../contract.ts';

/** One candidate's photo, chosen from a file box and stored by the server (checked and resized like the zip's). */
export function PhotoUpload(props: { line: RosterLine; run: (work: () => Promise<unknown>, done: string) => void }) {
  const upload = (file: File | undefined) =>
    file &&
    props.run(
      () =>
        ok(
          client.candidates[':candidateId'].photo.$put(
            { param: { candidateId: props.line.candidateId }, query: { file: file.name } },
            { init: { body: file }, headers: { 'content-type': file.type || 'application/octet-stream' } },
          ),
        ),
      `${props.line.name} 的照片已保存`,
    );
  return (
    <label class="file-button">
      {props.line.photo ? '换照片' : '上传照片'}
      <input
        type="file"
        accept="image/png,image/jpeg,image/gif,image/webp"
        aria-label={`上传 ${props.line.name} 的照片`}
        onChange={(e) => upload(e.currentTarget.files?.[0])}
      />
    </label>
  );
}

/** Extra minutes, a time multiplier, large font: set before the candidate starts (the server refuses after). */
export function AccommodationForm(props: {
  line: RosterLine;
  run: (work: () => Promise<unknown>, done: string) => void;
}) {
  let extra!: HTMLInputElement;
  let factor!: HTMLSelectElement;
  let large!: HTMLInputElement;
  return (
    <form
      class="accommodation-form"
      aria-label={`${props.line.name} 的便利安排`}
      onSubmit={(e) => {
        e.preventDefault();
        props.run(
          () =>
            ok(
              client.candidates[':candidateId'].accommodation.$put({
                param: { candidateId: props.line.candidateId },
                json: { extraMinutes: Number(extra.value), timeFactor: Number(factor.value), largeFont: large.checked },
              }),
            ),
          `${props.line.name} 的便利安排已保存`,
        );
      }}
    >
      <label>
        延时（分钟）
        <input ref={extra} type="number" min="0" max="600" value="0" />
      </label>
      <label>
        时间倍数
        <select ref={factor}>
          <For each={['1', '1.25', '1.5', '2']}>{(f) => <option value={f}>×{f}</option>}</For>
        </select>
      </label>
      <label>
        <input ref={large} type="checkbox" /> 大字号
      </label>
      <button type="submit" class="primary">
        保存
      </button>
    </form>
  );
}
