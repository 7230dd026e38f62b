import type { Answer, client } from '../../api.ts';

/** GET/PUT /batches/:id/supervision and POST …/sign, as the route answers (packages/services supervision). */
export type SupervisionView = Answer<(typeof client.batches)[':batchId']['supervision']['$get']>;
export type SupervisionPerson = SupervisionView['supervisors'][number];
