import { createSignal } from 'solid-js';

/** Bumped after every supervision save, so the batch page's halt banner reads the report again. */
const [version, setVersion] = createSignal(0);
export const supervisionVersion = version;
export const supervisionChanged = (): void => {
  setVersion((v) => v + 1);
};
