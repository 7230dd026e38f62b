import { createEffect } from 'solid-js';

const parse = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text.trim()));
const same = (a: number, b: number): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));

/**
 * A number typed as in a spreadsheet cell. The box keeps what the user is typing ("0." on the way to "0.5") and
 * is only rewritten when the value changes from elsewhere (the YAML view, a reset). Problems show in the title
 * and as aria-invalid, so the grid can point at the exact box.
 */
export function NumberBox(props: {
  label: string;
  value: number;
  onValue: (value: number) => void;
  problems?: readonly string[] | undefined;
  class?: string;
  scale?: number;
}) {
  let box!: HTMLInputElement;
  const scale = () => props.scale ?? 1;
  // Scaled values (percent shown for a 0–1 share) are rounded so 0.07 shows as 7, not 7.000000000000001.
  const shown = () => (Number.isNaN(props.value) ? Number.NaN : Math.round(props.value * scale() * 1e6) / 1e6);
  createEffect(() => {
    const v = shown();
    if (!same(parse(box.value), v)) box.value = Number.isNaN(v) ? '' : String(v);
  });
  const problems = () => props.problems ?? [];
  return (
    <input
      ref={box}
      type="text"
      inputmode="decimal"
      autocomplete="off"
      class={`num ${props.class ?? ''}`}
      aria-label={props.label}
      aria-invalid={problems().length > 0 ? 'true' : undefined}
      title={problems().join('；') || undefined}
      onInput={(e) => props.onValue(parse(e.currentTarget.value) / scale())}
    />
  );
}
