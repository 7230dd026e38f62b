import type { SupervisionReport, SupervisionScore } from '@kaowu/domain/browser';

/** GET/PUT /batches/:id/supervision and POST …/sign (packages/services/src/supervision.ts). */
export interface SupervisionPerson {
  username: string;
  name: string;
}
export interface SupervisionView {
  batchId: string;
  planNumber: string;
  report: SupervisionReport | null;
  score: SupervisionScore | null;
  reportHash: string | null;
  updatedBy: SupervisionPerson | null;
  updatedAt: string | null;
  supervisors: SupervisionPerson[];
  signatures: (SupervisionPerson & { signedAt: string })[];
  signedByAll: boolean;
  mayEdit: boolean;
  halted: boolean;
}
