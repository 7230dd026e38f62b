import { createSignal } from 'solid-js';
import { createAction } from './run.ts';

/**
 * A workbook chosen in a file box and sent by a button, through one action (busy, the message, every problem of
 * a refused workbook). Sending before a file is chosen says what to choose.
 */
export function createUpload<T>(missing: string, send: (file: File) => Promise<T>, done: (value: T) => string) {
  const [file, setFile] = createSignal<File>();
  const action = createAction();
  const upload = () =>
    void action.run(async () => {
      const f = file();
      if (!f) throw new Error(missing);
      return send(f);
    }, done);
  return { file, setFile, action, upload };
}

/** The file box for an Excel workbook. */
export function WorkbookInput(props: { label: string; onFile: (file: File | undefined) => void }) {
  return (
    <input
      type="file"
      aria-label={props.label}
      accept=".xlsx"
      onChange={(e) => props.onFile(e.currentTarget.files?.[0])}
    />
  );
}
