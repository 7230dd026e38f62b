import { type JSX, splitProps } from 'solid-js';

/**
 * A labelled text input showing `value` and reporting each edit with `onValue`; every other attribute (name, type,
 * autocomplete, class…) goes to the input. The label wraps the input, so the input is found by its label's text.
 */
export function Field(
  props: { label: string; value: string; onValue: (value: string) => void } & Omit<
    JSX.InputHTMLAttributes<HTMLInputElement>,
    'value' | 'onInput'
  >,
) {
  const [own, input] = splitProps(props, ['label', 'value', 'onValue']);
  return (
    <label>
      {own.label}
      <input {...input} value={own.value} onInput={(e) => own.onValue(e.currentTarget.value)} />
    </label>
  );
}
