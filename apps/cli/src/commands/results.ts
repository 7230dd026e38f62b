import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import {
  ASSESSMENT_METHOD_NAMES,
  chinaTime,
  COMPONENT_KIND_NAMES,
  DECISION_OUTCOME_NAMES,
  levelLabel,
  OBJECTION_OUTCOME_NAMES,
  type ObjectionOutcome,
} from '@kaowu/domain';
import {
  addObjection,
  applicationTemplate,
  batchEligibility,
  computeDecisions,
  confirmScores,
  correctKey,
  enterScore,
  exportAllResults,
  exportResults,
  finaliseResults,
  planView,
  getPublicity,
  importApplications,
  importScores,
  issueCertificates,
  listDecisions,
  loadResultsDemo,
  publishResults,
  readResultsSettings,
  recordApplications,
  recordRelation,
  resolveObjection,
  resolveSpread,
  RESULT_REPORT_NAMES,
  RESULT_REPORTS,
  RESULTS_DEMO_PLAN_NUMBER,
  RESULTS_SETTING_KEYS,
  RESULTS_SETTING_NAMES,
  scoreStatus,
  scoreTemplate,
  setPanel,
  setPlan,
  setResultsSetting,
  type ComputeSummary,
  type PublicityView,
  type ResultReport,
  type ServiceContext,
} from '@kaowu/services';
import { formatOption, inFormat, type ReportFormat } from '../report-format.ts';
import { out, withContext, withDb } from '../runtime.ts';

type Common = { batch: string; as: string; db?: string };

const dateArg = (value: string): string => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError(`日期 ${value} 应为 YYYY-MM-DD`);
  return value;
};

const scoreArg = (value: string): number | 'absent' => {
  if (value === '缺考' || value === 'absent') return 'absent';
  const n = Number(value);
  if (!Number.isFinite(n)) throw new InvalidArgumentError(`分数 ${value} 无效：应为 0–100 的数或“缺考”`);
  return n;
};

/** A subcommand with the options every results command takes: --batch, --as, --db. */
function sub(parent: Command, spec: string, description: string, batch = true): Command {
  const c = withDb(parent.command(spec).description(description));
  if (batch) c.requiredOption('--batch <planNumber>', '认定计划号（或批次 id）');
  return c.requiredOption('--as <user>', '操作人');
}

/** A batch's workbook to fill in, written to --out. */
function templateSub(
  parent: Command,
  spec: string,
  description: string,
  template: (ctx: ServiceContext, by: string, batch: string) => Promise<Uint8Array>,
): void {
  sub(parent, spec, description)
    .requiredOption('--out <file>', '输出 .xlsx 文件')
    .action(async (o: Common & { out: string }) => {
      writeFileSync(o.out, await withContext(o, (ctx) => template(ctx, o.as, o.batch)));
      out(`已导出到 ${resolve(o.out)}`);
    });
}

const readJson = (file: string): unknown => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (e) {
    throw new InvalidArgumentError(`无法读取 JSON 文件 ${file}：${e instanceof Error ? e.message : String(e)}`);
  }
};

function printSummary(s: ComputeSummary): void {
  out(`共 ${s.candidates} 名考生：合格 ${s.pass}，不合格 ${s.fail}，待定 ${s.pending}`);
  const rescored = s.theory.changed.length > 0 ? `，其中 ${s.theory.changed.length} 份成绩有变化` : '';
  if (s.theory.scored > 0) out(`理论答卷计分 ${s.theory.scored} 份${rescored}`);
  for (const c of s.changed.filter((x) => x.before !== null)) {
    const before = `${c.before?.outcome}/${c.before?.composite ?? '—'}`;
    out(`  变更：${c.ticket} ${c.name} ${before} → ${c.after.outcome}/${c.after.composite ?? '—'}`);
  }
  for (const p of s.pendingReasons) out(`  待定：${p.ticket} ${p.name}：${p.reasons.join('；')}`);
}

function printPublicity(v: PublicityView): void {
  const { firstDay, lastDay, days } = v.window;
  out(`公示日期 ${v.publishedOn}，公示期 ${firstDay} 至 ${lastDay}（${days.length} 个工作日：${days.join('、')}）`);
  const left = v.state === 'open' ? `，还有 ${v.daysLeft} 个工作日` : '';
  const finalised = v.finalisedAt ? `（已于 ${chinaTime(v.finalisedAt)} 确认生效）` : '';
  out(`状态：${v.stateName}${left}${finalised}`);
  if (!v.matchesDecisions) out('注意：认定结果在公示后有变更，须重新公示');
  for (const o of v.objections) {
    const ticket = o.ticket ? `（${o.ticket}）` : '';
    const handled = o.resolution ? `${OBJECTION_OUTCOME_NAMES[o.resolution.outcome]}：${o.resolution.note}` : '未处理';
    out(`  异议 ${o.id}${ticket} ${chinaTime(o.raisedAt)}：${o.text} —— ${handled}`);
  }
}

function scoreCommands(results: Command): void {
  templateSub(results, 'score-template', '导出评分表模板（每个考评组成部分一个工作表，每名考评员一列）', scoreTemplate);
  sub(
    results,
    'import-scores <file>',
    '导入实操、评审成绩（评分表 .xlsx，作为操作人的一次录入；有任何错误则全部不导入）',
  ).action(async (file: string, o: Common) => {
    const r = await withContext(o, (ctx) => importScores(ctx, o.as, o.batch, new Uint8Array(readFileSync(file))));
    const sheets = r.sheets.map((s) => `${s.component} ${s.rows} 人`).join('，');
    out(`已导入 ${r.entries} 个评分（${sheets}）；须由另一人再次录入或确认（双人复核）`);
  });
  sub(results, 'enter-score', '录入一个评分（用于更正两次录入不一致）')
    .requiredOption('--ticket <ticket>', '准考证号')
    .requiredOption('--component <code>', '组成部分代码或名称')
    .requiredOption('--assessor <user>', '考评员')
    .requiredOption('--value <score>', '分数（0–100，至多一位小数）或“缺考”', scoreArg)
    .action(async (o: Common & { ticket: string; component: string; assessor: string; value: number | 'absent' }) => {
      await withContext(o, (ctx) =>
        enterScore(ctx, o.as, o.batch, {
          ticket: o.ticket,
          component: o.component,
          assessor: o.assessor,
          value: o.value,
        }),
      );
      out('已录入');
    });
  sub(results, 'confirm-scores', '第二人确认另一人已录入的评分（双人复核）')
    .option('--component <code>', '只确认某一组成部分')
    .action(async (o: Common & { component?: string }) => {
      const r = await withContext(o, (ctx) => confirmScores(ctx, o.as, o.batch, { component: o.component }));
      out(`已确认 ${r.confirmed} 个评分`);
    });
  sub(results, 'score-status', '双人复核与考评组评分情况：不一致、待复核、待考评组长裁定分差').action(
    async (o: Common) => {
      const s = await withContext(o, (ctx) => scoreStatus(ctx, o.as, o.batch));
      out(
        `已复核的评分 ${s.finalSheets} 个；两次录入不一致 ${s.mismatches.length} 个；` +
          `待第二人复核 ${s.awaiting.length} 个；考评组未能给分 ${s.blocked.length} 人次`,
      );
      for (const m of s.mismatches) out(`  不一致：${m.ticket} ${m.name}：${m.message}`);
      for (const w of s.awaiting)
        out(`  待复核：${w.ticket} ${w.name} ${w.component} 考评员 ${w.assessor}（${w.enteredBy} 录入）`);
      for (const b of s.blocked) out(`  待处理：${b.ticket} ${b.name} ${b.component}：${b.reason}`);
    },
  );
  sub(results, 'resolve-spread', '组长裁定分差：考评员评分差异过大时由考评组长裁定（须填写理由）')
    .requiredOption('--ticket <ticket>', '准考证号')
    .requiredOption('--component <code>', '组成部分代码或名称')
    .requiredOption('--reason <text>', '裁定理由')
    .action(async (o: Common & { ticket: string; component: string; reason: string }) => {
      await withContext(o, (ctx) => resolveSpread(ctx, o.as, o.batch, o));
      out('已记录考评组长的处理意见');
    });
  sub(results, 'correct-key', '更正理论试题答案（须填写理由），重新计分所有受影响的答卷和认定结果')
    .requiredOption('--item <code>', '试题编号')
    .requiredOption('--key <key>', '正确答案，如 B、ACD、正确、错误')
    .requiredOption('--reason <text>', '更正理由')
    .action(async (o: Common & { item: string; key: string; reason: string }) => {
      const r = await withContext(o, (ctx) => correctKey(ctx, o.as, o.batch, o));
      out(
        `试题 ${o.item} 答案由“${r.before}”更正为“${r.after}”（${r.papers} 套试卷）；` +
          `${r.rescored.length} 份答卷成绩变化，${r.decisions.length} 名考生的认定结果变化`,
      );
      for (const x of r.rescored) out(`  ${x.ticket} ${x.name}：理论 ${x.before} → ${x.after}`);
    });
}

function publicityCommands(results: Command): void {
  sub(results, 'publish', '公示认定结果（按工作日计算公示期，含法定节假日与调休）')
    .option('--on <date>', '公示日期 YYYY-MM-DD（默认今天）', dateArg)
    .option('--days <n>', '公示工作日数（默认按设置，至少 5）', (v) => Number(v))
    .action(async (o: Common & { on?: string; days?: number }) => {
      printPublicity(
        await withContext(o, (ctx) => publishResults(ctx, o.as, o.batch, { publishedOn: o.on, workingDays: o.days })),
      );
    });
  sub(results, 'publicity', '查看公示期与异议').action(async (o: Common) =>
    printPublicity(await withContext(o, (ctx) => getPublicity(ctx, o.as, o.batch))),
  );
  const objection = new Command('objection').description('公示期间的异议：登记、处理');
  results.addCommand(objection);
  sub(objection, 'add', '登记异议')
    .requiredOption('--text <text>', '异议内容')
    .option('--ticket <ticket>', '涉及考生的准考证号')
    .option('--at <time>', '收到时间（ISO 8601，默认现在）')
    .action(async (o: Common & { text: string; ticket?: string; at?: string }) => {
      const { id } = await withContext(o, (ctx) =>
        addObjection(ctx, o.as, o.batch, { text: o.text, ticket: o.ticket, raisedAt: o.at }),
      );
      out(`已登记异议 ${id}`);
    });
  sub(objection, 'resolve <id>', '处理异议（成立或不成立，须填写处理意见）')
    .addOption(
      new Option('--outcome <outcome>', '成立 upheld / 不成立 dismissed')
        .choices(['upheld', 'dismissed'])
        .makeOptionMandatory(),
    )
    .requiredOption('--note <text>', '处理意见')
    .action(async (id: string, o: Common & { outcome: ObjectionOutcome; note: string }) => {
      await withContext(o, (ctx) => resolveObjection(ctx, o.as, o.batch, id, { outcome: o.outcome, note: o.note }));
      const next = o.outcome === 'upheld' ? '（请更正成绩、重新计算并重新公示）' : '';
      out(`异议 ${id} 已处理：${OBJECTION_OUTCOME_NAMES[o.outcome]}${next}`);
    });
  sub(results, 'finalise', '公示期满且无未处理异议后，确认认定结果生效').action(async (o: Common) => {
    const final = await withContext(o, (ctx) => finaliseResults(ctx, o.as, o.batch));
    printPublicity(final);
    const st = final.statistics;
    out(
      st.status === 'computed'
        ? `试题统计分析已自动计算：${st.persons} 名考生，${st.flagged} 道试题需复核（kaowu stats batch ${o.batch}）`
        : st.status === 'none'
          ? '没有已评分的理论答卷，未计算试题统计分析'
          : `试题统计分析自动计算失败（结果已生效，不受影响）：${st.message}；请管理员用 kaowu stats batch ${o.batch} 重新计算`,
    );
  });
  sub(results, 'issue', '为合格考生核发证书（22 位证书编号，序号永不重复）')
    .option('--on <date>', '发证日期 YYYY-MM-DD（默认今天）', dateArg)
    .action(async (o: Common & { on?: string }) => {
      const r = await withContext(o, (ctx) => issueCertificates(ctx, o.as, o.batch, { issuedOn: o.on }));
      for (const c of r.issued) out(`${c.number}\t${c.ticket}\t${c.name}`);
      out(`本次核发 ${r.issued.length} 本证书${r.already > 0 ? `（此前已核发 ${r.already} 本）` : ''}`);
    });
}

export function resultsCommand(): Command {
  const results = new Command('results').description(
    '成绩与认定结果：认定方案、评分导入与双人复核、计算、公示、异议、发证、导出各表',
  );
  const plan = new Command('plan').description('批次的认定方案');
  results.addCommand(plan);
  sub(plan, 'set', '设置认定方案（JSON 文件；职业与等级取自批次）')
    .requiredOption('--file <plan.json>', '认定方案 JSON 文件')
    .option('--eligibility-date <date>', '申报条件审核日期（默认首场考试日期）', dateArg)
    .action(async (o: Common & { file: string; eligibilityDate?: string }) => {
      const r = await withContext(o, (ctx) =>
        setPlan(ctx, o.as, o.batch, readJson(o.file), { eligibilityAsOf: o.eligibilityDate }),
      );
      const weights = r.plan.components.map((c) => `${c.name} ${c.weight}%`).join('，');
      out(
        `已设置认定方案：${ASSESSMENT_METHOD_NAMES[r.plan.method]}，${weights}；申报条件审核日期 ${r.eligibilityAsOf}`,
      );
    });
  sub(plan, 'show', '显示认定方案').action(async (o: Common) => {
    await withContext(o, async (ctx) => {
      // The same use case and permission check (plan.read) as the console's plan page.
      const { batch, plan, eligibilityAsOf } = await planView(ctx, o.as, o.batch);
      if (!plan || !eligibilityAsOf) return out(`批次 ${batch.planNumber} 尚未设置认定方案`);
      const subject = `${plan.occupation.name} ${levelLabel(plan.level)}`;
      out(`${batch.planNumber} ${batch.name}：${subject}，${ASSESSMENT_METHOD_NAMES[plan.method]}`);
      for (const c of plan.components) {
        const group = c.group ? `\t选考组 ${c.group}` : '';
        const passLine = `合格线 ${c.passLine ?? '不设'}`;
        out(`  ${c.code}\t${c.name}（${COMPONENT_KIND_NAMES[c.kind]}）\t权重 ${c.weight}%\t${passLine}${group}`);
      }
      for (const g of plan.electiveGroups) out(`  选考组 ${g.code} ${g.name}：选 ${g.choose} 个`);
      const { panel } = plan;
      const aggregation = panel.aggregation === 'mean' ? '平均分' : '去掉最高最低后平均';
      out(
        `  考评：每名考生 ${panel.assessorsPerCandidate} 名考评员，${aggregation}，` +
          `分差超过 ${panel.spreadThreshold} 分须考评组长裁定分差`,
      );
      out(`  申报条件审核日期 ${eligibilityAsOf}`);
    });
  });
  sub(results, 'panel', '设置某组成部分的考评组（考评组长与成员）')
    .requiredOption('--component <code>', '组成部分代码或名称')
    .requiredOption('--leader <user>', '考评组长')
    .requiredOption('--members <users>', '成员，逗号分隔', (v) => v.split(/[,，、]/))
    .action(async (o: Common & { component: string; leader: string; members: string[] }) => {
      await withContext(o, (ctx) =>
        setPanel(ctx, o.as, o.batch, o.component, { leader: o.leader, members: o.members }),
      );
      out(
        `已设置 ${o.component} 的考评组：组长 ${o.leader}，成员 ${[...new Set([o.leader, ...o.members])].join('、')}`,
      );
    });
  sub(results, 'relation', '登记考评员与考生的回避关系')
    .requiredOption('--ticket <ticket>', '准考证号')
    .requiredOption('--assessor <user>', '考评员')
    .requiredOption('--relation <text>', '关系，如 亲属、直接上下级、师徒')
    .action(async (o: Common & { ticket: string; assessor: string; relation: string }) => {
      await withContext(o, (ctx) => recordRelation(ctx, o.as, o.batch, o));
      out(`已登记回避：考评员 ${o.assessor} 不为 ${o.ticket} 评分（${o.relation}）`);
    });
  templateSub(
    results,
    'applications-template',
    '导出申报信息模板（.xlsx，已填入本批次考生与已录入的申报信息）',
    applicationTemplate,
  );
  sub(
    results,
    'applications <file>',
    '录入申报信息：申报信息模板（.xlsx，有任何错误则全部不录入），' +
      '或 JSON 数组（准考证号或身份证号、用工形式、入职日期、养老保险月数、已有证书、获奖、证明材料、选考模块）',
  ).action(async (file: string, o: Common) => {
    const r = file.toLowerCase().endsWith('.xlsx')
      ? await withContext(o, (ctx) => importApplications(ctx, o.as, o.batch, new Uint8Array(readFileSync(file))))
      : await (async () => {
          const raw = readJson(file);
          if (!Array.isArray(raw)) throw new InvalidArgumentError('申报信息文件应为 .xlsx 模板或 JSON 数组');
          return withContext(o, (ctx) => recordApplications(ctx, o.as, o.batch, raw));
        })();
    const ineligible = r.ineligible.length > 0 ? `，其中 ${r.ineligible.length} 名不符合申报条件：` : '';
    out(`已录入 ${r.recorded} 名考生的申报信息${ineligible}`);
    for (const x of r.ineligible) out(`  ${x.ticket} ${x.name}：${x.reasons.join('；')}`);
  });
  sub(results, 'eligibility', '审核申报条件：每名不符合条件的考生列出原因').action(async (o: Common) => {
    const { asOf, lines } = await withContext(o, (ctx) => batchEligibility(ctx, o.as, o.batch));
    for (const { ticket, name, result } of lines) {
      const verdict =
        result === null
          ? '未录入申报信息'
          : result.eligible
            ? `符合（${result.path?.description ?? ''}）`
            : `不符合：${result.reasons.join('；')}`;
      out(`${ticket}\t${name}\t${verdict}`);
    }
    const eligible = lines.filter((l) => l.result?.eligible).length;
    const ineligible = lines.filter((l) => l.result && !l.result.eligible).length;
    const missing = lines.filter((l) => l.result === null).length;
    out(`审核日期 ${asOf}：符合 ${eligible}，不符合 ${ineligible}，未录入 ${missing}`);
  });
  scoreCommands(results);
  sub(results, 'compute', '计算认定结果（理论答卷计分、考评组评分、申报条件、各组成部分合格线）').action(
    async (o: Common) => {
      printSummary(await withContext(o, (ctx) => computeDecisions(ctx, o.as, o.batch)));
    },
  );
  sub(results, 'show', '列出每名考生的认定结果与理由').action(async (o: Common) => {
    for (const { ticket, name, decision } of await withContext(o, (ctx) => listDecisions(ctx, o.as, o.batch))) {
      const outcome = DECISION_OUTCOME_NAMES[decision.outcome];
      out(`${ticket}\t${name}\t${outcome}\t综合 ${decision.composite ?? '—'}\t${decision.reasons.join('；')}`);
    }
  });
  publicityCommands(results);
  sub(
    results,
    'export',
    '导出表格：summary 附件1 综合成绩汇总表，register 附件5 证书核发登记表，publicity 公示名单，' +
      'confirmation 附件4 公示结果确认单，full 成绩明细；all 全部（--out 为目录）',
  )
    .addOption(new Option('--report <report>', '表格').choices([...RESULT_REPORTS, 'all']).makeOptionMandatory())
    .requiredOption('--out <file>', '输出 .xlsx 或 .pdf 文件（--report all 时为目录）')
    .option('--date <date>', '表上的日期（默认按表：今天、公示日、生效日、发证日）', dateArg)
    .addOption(formatOption())
    .action(async (o: Common & { report: ResultReport | 'all'; out: string; date?: string; format: ReportFormat }) => {
      if (o.report !== 'all') {
        const report = o.report;
        const xlsx = await withContext(o, (ctx) => exportResults(ctx, o.as, o.batch, report, { date: o.date }));
        writeFileSync(o.out, await inFormat(xlsx, o.format));
        return out(`已导出${RESULT_REPORT_NAMES[report]}到 ${resolve(o.out)}`);
      }
      const reports = await withContext(o, (ctx) => exportAllResults(ctx, o.as, o.batch, { date: o.date }));
      mkdirSync(o.out, { recursive: true });
      for (const [report, bytes] of reports) {
        const file = join(o.out, `${o.batch}-${RESULT_REPORT_NAMES[report].replace(/\s+/g, '')}.${o.format}`);
        writeFileSync(file, await inFormat(bytes, o.format));
        out(`已导出${RESULT_REPORT_NAMES[report]}到 ${resolve(file)}`);
      }
    });

  const settings = new Command('settings').description('成绩与证书设置（企业名称、证书编码机构信息、公示期、脱敏）');
  results.addCommand(settings);
  sub(settings, 'show', '显示设置', false).action(async (o: { as: string; db?: string }) => {
    const s = await withContext(o, (ctx) => readResultsSettings(ctx, o.as));
    const b = s.certificateBody;
    const body = s.evaluationBody ? `；评价机构：${s.evaluationBody}` : '';
    const contact = s.contact ? `；联系人：${s.contact.name} ${s.contact.phone}` : '';
    out(`企业名称：${s.enterpriseName}${body}${contact}`);
    out(`证书编码机构信息：${b ? `${b.bodyType} ${b.bodyCode} ${b.provinceCode} ${b.siteCode}` : '未设置'}`);
    const m = s.masking;
    const publicationDay = s.countPublicationDay ? '（含公示当日）' : '';
    out(
      `公示期：${s.publicityWorkingDays} 个工作日${publicationDay}；` +
        `脱敏：身份证号保留前 ${m.idKeepStart} 后 ${m.idKeepEnd} 位，` +
        `姓名保留前 ${m.nameKeepStart} 后 ${m.nameKeepEnd} 个字`,
    );
  });
  sub(
    settings,
    'set <key> <value>',
    `修改设置：${RESULTS_SETTING_KEYS.map((k) => `${k}（${RESULTS_SETTING_NAMES[k]}）`).join('；')}`,
    false,
  ).action(async (key: string, value: string, o: { as: string; db?: string }) => {
    await withContext(o, (ctx) => setResultsSetting(ctx, o.as, key, value));
    out(`${key} = ${value}`);
  });
  withDb(
    results
      .command('demo')
      .description(`载入已完成的演示批次 ${RESULTS_DEMO_PLAN_NUMBER}（需先用 kaowu demo 载入演示账号与题库）`),
  ).action(async (o: { db?: string }) => {
    const r = await withContext(o, (ctx) => loadResultsDemo(ctx));
    out(`已载入演示批次 ${r.planNumber}：${r.candidates} 名考生，合格 ${r.passed} 名，已核发证书 ${r.certificates} 本`);
  });
  return results;
}
