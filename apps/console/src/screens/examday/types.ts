import type { Answer, client } from '../../api.ts';

type Batch = (typeof client.batches)[':batchId'];

/** One 实操考评表 as GET /batches/:id/practical-sheets answers. */
export type PracticalSheetView = Answer<Batch['practical-sheets']['$get']>[number];
