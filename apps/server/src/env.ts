import type { CandidateAuth, ExamRuntime, StaffClaims } from '@kaowu/services';

/** What middleware puts on the request context for the handlers after it. */
export interface AppEnv {
  Variables: {
    rt: ExamRuntime;
    staff: StaffClaims;
    candidate: CandidateAuth;
  };
}
