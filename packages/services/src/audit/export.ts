import ExcelJS from 'exceljs';
import { chinaTime } from '@kaowu/domain';
import type { AuditRecordView } from './view.ts';

export const AUDIT_SHEET = '审计记录';
export const AUDIT_ABOUT_SHEET = '导出说明';

const FILTER_NAMES: Readonly<Record<string, string>> = {
  batch: '批次',
  actor: '操作人',
  action: '操作',
  entity: '对象类型',
  entityId: '对象编号',
  from: '开始时间（含）',
  to: '结束时间（不含）',
  text: '详情包含',
};

export interface AuditExportMeta {
  readonly exportedBy: string;
  readonly exportedAt: Date;
  readonly filter: Readonly<Record<string, string>>;
  readonly limitedTo: readonly { readonly planNumber: string; readonly name: string }[] | null;
  /** The whole chain's last record at export (not only the filtered ones): the anchor against truncation. */
  readonly head: { readonly seq: number; readonly hash: string };
}

/**
 * The records as a data table for inspectors: one row per record with every field that is hashed, so a record
 * can be checked against the chain, plus the same words the audit page shows. A plain table (frozen header,
 * filters), not a printed form: inspectors sort and filter it.
 */
export async function auditWorkbook(records: readonly AuditRecordView[], meta: AuditExportMeta): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kaowu 考务';
  workbook.created = workbook.modified = meta.exportedAt;
  const sheet = workbook.addWorksheet(AUDIT_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: '序号', key: 'seq', width: 8 },
    { header: '时间（北京时间）', key: 'time', width: 20 },
    { header: '时间（UTC）', key: 'at', width: 26 },
    { header: '操作人账号', key: 'actor', width: 18 },
    { header: '操作人姓名', key: 'actorName', width: 12 },
    { header: '考生准考证号', key: 'ticket', width: 18 },
    { header: '操作', key: 'actionLabel', width: 18 },
    { header: '操作代码', key: 'action', width: 22 },
    { header: '对象', key: 'subject', width: 36 },
    { header: '对象类型', key: 'entity', width: 10 },
    { header: '对象编号', key: 'entityId', width: 38 },
    { header: '说明', key: 'summary', width: 48 },
    { header: '详情（JSON）', key: 'detail', width: 48 },
    { header: '内容校验码（变更前）', key: 'beforeHash', width: 20 },
    { header: '内容校验码（变更后）', key: 'afterHash', width: 20 },
    { header: '前一条记录校验码', key: 'prevHash', width: 20 },
    { header: '本条记录校验码', key: 'hash', width: 20 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.addRows(
    records.map((r) => ({
      seq: r.seq,
      time: chinaTime(r.at, 'second'),
      at: r.at,
      actor: r.actor.username,
      actorName: r.actor.displayName ?? '',
      ticket: r.actor.ticket ?? '',
      actionLabel: r.actionLabel,
      action: r.action,
      subject: r.subject,
      entity: r.entity,
      entityId: r.entityId,
      summary: r.summary,
      detail: JSON.stringify(r.detail),
      beforeHash: r.beforeHash ?? '',
      afterHash: r.afterHash ?? '',
      prevHash: r.prevHash,
      hash: r.hash,
    })),
  );
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };

  const about = workbook.addWorksheet(AUDIT_ABOUT_SHEET);
  about.columns = [{ width: 18 }, { width: 60 }];
  const filters = Object.entries(meta.filter).map(
    ([k, v]) => `${FILTER_NAMES[k] ?? k}：${k === 'from' || k === 'to' ? `${chinaTime(v, 'second')}（北京时间）` : v}`,
  );
  about.addRows([
    ['导出人', meta.exportedBy],
    ['导出时间（北京时间）', chinaTime(meta.exportedAt, 'second')],
    ['筛选条件', filters.length === 0 ? '无（全部记录）' : filters.join('；')],
    [
      '范围',
      meta.limitedTo === null
        ? '全部审计记录'
        : `本人督导的批次：${meta.limitedTo.map((b) => b.planNumber).join('、')}`,
    ],
    ['记录数', records.length],
    ['审计链头', `第 ${meta.head.seq} 条记录，校验码 ${meta.head.hash}`],
    [
      '说明',
      '每条记录的校验码覆盖其内容和前一条记录的校验码，任何改动或删除都会使校验码链断裂；' +
        '可用「校验审计链」或命令 kaowu audit verify 核对；' +
        '导出时的审计链头可用 kaowu audit verify --head <校验码> 核对链尾记录未被删除。',
    ],
  ]);
  about.getColumn(1).font = { bold: true };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
