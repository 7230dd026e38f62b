import { Hono } from 'hono';
import type { AppEnv } from '../../env.ts';
import { archiveRoutes } from './archive.ts';
import { auditRoutes } from './audit.ts';
import { bankRoutes } from './banks.ts';
import { certificateRoutes } from './certificates.ts';
import { examDayRoutes } from './exam-day.ts';
import { paperRoutes } from './papers.ts';
import { planRoutes } from './plan.ts';
import { resultRoutes } from './results.ts';
import { supervisionRoutes } from './supervision.ts';
import { statsRoutes } from './stats.ts';

/** The staff API the console needs beyond batches and rooms: authoring, papers and results. */
export function consoleRoutes() {
  return new Hono<AppEnv>()
    .route('/', bankRoutes())
    .route('/', paperRoutes())
    .route('/', resultRoutes())
    .route('/', planRoutes())
    .route('/', supervisionRoutes())
    .route('/', auditRoutes())
    .route('/', certificateRoutes())
    .route('/', examDayRoutes())
    .route('/', statsRoutes())
    .route('/', archiveRoutes());
}
