import { MemoryRouter, Route } from '@solidjs/router';
import type { JSX } from 'solid-js';

/** A screen under test inside an in-memory router, as the console mounts it (links and navigation work). */
export const routed = (view: () => JSX.Element) => () => (
  <MemoryRouter>
    <Route path="*" component={view} />
  </MemoryRouter>
);
