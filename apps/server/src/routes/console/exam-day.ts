import {
  addCandidateListObjection,
  candidateListObjectionInput,
  candidateListPublishInput,
  candidateListResolutionInput,
  candidateListWorkbook,
  confirmStaffChange,
  enterSheetScores,
  EXTERNAL_SUPERVISION_REPORT_NAME,
  exportExternalSupervision,
  getExternalSupervision,
  getCandidateList,
  listStaffChanges,
  practicalSheets,
  proposeStaffChange,
  publishCandidateList,
  resolveCandidateListObjection,
  saveExternalSupervision,
  sheetScoresInput,
  signExternalSupervision,
  signPracticalSheet,
  staffChangeInput,
} from '@kaowu/services';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../env.ts';
import { staffAuth } from '../../middleware/staff-auth/index.ts';
import { securityHeaders } from '../../middleware/security-headers/index.ts';
import { candidateListPage } from '../../print/candidate-list.ts';
import { practicalSheetsPage } from '../../print/practical-sheets.ts';
import { onBatch, onBatchOf } from '../on-batch.ts';
import { validate } from '../../validate.ts';
import { formatOf, report } from './report-download.ts';

/** A room's id, to list or print only its sheets (absent or empty: the whole batch's). */
const roomQuery = z.object({ room: z.string().optional() });

/**
 * The exam day (issue 18): the candidate list's publicity (职工认定名单公示) with its workbook and print page,
 * and staff changes after the start (an administrator proposes with a reason, a supervisor of the batch confirms).
 */
export function examDayRoutes() {
  const list = '/batches/:batchId/candidate-list';
  const changes = '/batches/:batchId/staff-changes';
  const sheets = '/batches/:batchId/practical-sheets';
  const external = '/batches/:batchId/external-supervision';
  return (
    new Hono<AppEnv>()
      .use(`${list}/*`, staffAuth())
      .use(list, staffAuth())
      .use(`${changes}/*`, staffAuth())
      .use(changes, staffAuth())
      .use(`${sheets}/*`, staffAuth())
      .use(sheets, staffAuth())
      .use(`${external}/*`, staffAuth())
      .use(external, staffAuth())
      // 附件3: checked against its rubric in the service, which names each criterion in its refusals.
      .get(external, onBatch(getExternalSupervision))
      .put(external, validate('json', z.record(z.string(), z.unknown())), async (c) =>
        c.json(await saveExternalSupervision(...onBatchOf(c), c.req.valid('json'))),
      )
      .post(`${external}/sign`, onBatch(signExternalSupervision))
      .get(`${external}/report`, async (c) =>
        report(
          c,
          await exportExternalSupervision(...onBatchOf(c)),
          `${EXTERNAL_SUPERVISION_REPORT_NAME}.xlsx`,
          formatOf(c),
        ),
      )
      .get(list, onBatch(getCandidateList))
      .post(list, validate('json', candidateListPublishInput), async (c) =>
        c.json(await publishCandidateList(...onBatchOf(c), c.req.valid('json')), 201),
      )
      .get(`${list}/workbook`, async (c) =>
        report(c, await candidateListWorkbook(...onBatchOf(c)), '考生名单公示（脱敏）.xlsx', formatOf(c)),
      )
      .get(`${list}/print`, securityHeaders('print'), async (c) =>
        c.html(candidateListPage(await getCandidateList(...onBatchOf(c)))),
      )
      .post(`${list}/objections`, validate('json', candidateListObjectionInput), async (c) =>
        c.json(await addCandidateListObjection(...onBatchOf(c), c.req.valid('json')), 201),
      )
      .post(`${list}/objections/:id/resolve`, validate('json', candidateListResolutionInput), async (c) => {
        await resolveCandidateListObjection(...onBatchOf(c), c.req.param('id'), c.req.valid('json'));
        return c.json({ ok: true as const });
      })
      .get(changes, onBatch(listStaffChanges))
      .post(changes, validate('json', staffChangeInput), async (c) =>
        c.json(await proposeStaffChange(...onBatchOf(c), c.req.valid('json')), 201),
      )
      .post(`${changes}/:id/confirm`, async (c) => c.json(await confirmStaffChange(...onBatchOf(c), c.req.param('id'))))
      // The batch's sheets as data (the console lists them and enters scores by id) and one room's to print.
      .get(sheets, validate('query', roomQuery), async (c) =>
        c.json(await practicalSheets(...onBatchOf(c), c.req.valid('query').room || undefined)),
      )
      .get(`${sheets}/print`, securityHeaders('print'), validate('query', roomQuery), async (c) =>
        c.html(
          await practicalSheetsPage(await practicalSheets(...onBatchOf(c), c.req.valid('query').room || undefined)),
        ),
      )
      .post(`${sheets}/scores`, validate('json', sheetScoresInput), async (c) =>
        c.json(await enterSheetScores(...onBatchOf(c), c.req.valid('json')), 201),
      )
      .post(`${sheets}/sign/:sheetId`, async (c) =>
        c.json(await signPracticalSheet(...onBatchOf(c), c.req.param('sheetId'))),
      )
  );
}
