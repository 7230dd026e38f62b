import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { KaowuError, levelLabel, type LevelCode } from '@kaowu/domain';
import {
  certificatePublicKey,
  certificateZip,
  importAuthorityNumbers,
  revokeCertificate,
  verifyCertificateFile,
} from '@kaowu/services';
import { out, withContext, withDb } from '../runtime.ts';

const DEFAULT_BASE_URL = process.env.KAOWU_PUBLIC_URL ?? 'http://127.0.0.1:8000';

/** A JWK from a file, or fetched from a server's /api/certificates/public-key. */
async function readKey(source: string): Promise<Record<string, unknown>> {
  try {
    if (/^https?:\/\//.test(source)) {
      const res = await fetch(source);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return (await res.json()) as Record<string, unknown>;
    }
    return JSON.parse(readFileSync(source, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new InvalidArgumentError(`无法读取公钥 ${source}：${e instanceof Error ? e.message : String(e)}`);
  }
}

/** `kaowu certificate …`: electronic certificates (PDF zip, offline verification, revocation, public key). */
export function certificateCommand(): Command {
  const certificate = new Command('certificate').description('电子证书：导出 PDF、离线查验、注销、公钥');

  withDb(certificate.command('pdf').description('导出批次全部电子证书（每人一份 PDF，打包为 zip）'))
    .requiredOption('--batch <planNumber>', '认定计划号（或批次 id）')
    .requiredOption('--out <file.zip>', '输出 zip 文件')
    .requiredOption('--as <user>', '操作人')
    .option('--base-url <url>', '证书查询页所在地址（二维码指向 <url>/verify/）', DEFAULT_BASE_URL)
    .action(async (o: { batch: string; out: string; as: string; db?: string; baseUrl: string }) => {
      const r = await withContext(o, (ctx) => certificateZip(ctx, o.as, o.batch, { baseUrl: o.baseUrl }));
      writeFileSync(o.out, r.zip);
      out(`已导出批次 ${r.planNumber} 的 ${r.count} 份电子证书到 ${resolve(o.out)}`);
    });

  certificate
    .command('verify <tokenOrPdf>')
    .description('用公钥离线查验电子证书（PDF 文件或二维码中的令牌），不需要数据库')
    .requiredOption('--key <file|url>', '公钥 JWK 文件，或服务器的 /api/certificates/public-key 地址')
    .action(async (input: string, o: { key: string }) => {
      const key = await readKey(o.key);
      const subject = existsSync(input) ? new Uint8Array(readFileSync(input)) : input.replace(/^.*[?&]t=/, '');
      const check = await verifyCertificateFile(subject, key);
      if (!check.ok) throw new KaowuError('invalid', `查验未通过：${check.reason}`, 'certificate does not verify');
      const c = check.claims;
      out('查验通过：签名有效');
      out(`证书编号 ${c.n}　持证人 ${c.h}　职业（工种）${c.o}　等级 ${levelLabel(c.l as LevelCode)}`);
      out(`发证日期 ${c.d}　评价机构 ${c.i}`);
      out('（是否已注销请在证书查询页查询）');
    });

  withDb(certificate.command('revoke <number>').description('注销证书（需注明原因，记入审计）'))
    .requiredOption('--reason <text>', '注销原因')
    .requiredOption('--as <user>', '操作人')
    .action(async (number: string, o: { reason: string; as: string; db?: string }) => {
      const r = await withContext(o, (ctx) => revokeCertificate(ctx, o.as, { number, reason: o.reason }));
      out(`已注销证书 ${r.number}：${r.reason}`);
    });

  withDb(
    certificate
      .command('numbers <file.xlsx>')
      .description('导入人社部门赋予的证书编号（身份证号 → 证书编号；需设置 certificate.numbering 为 authority）'),
  )
    .requiredOption('--batch <planNumber>', '认定计划号（或批次 id）')
    .requiredOption('--as <user>', '操作人')
    .action(async (file: string, o: { batch: string; as: string; db?: string }) => {
      const r = await withContext(o, (ctx) =>
        importAuthorityNumbers(ctx, o.as, o.batch, new Uint8Array(readFileSync(file))),
      );
      out(
        `已导入 ${r.assigned} 个证书编号${r.missing > 0 ? `，尚有 ${r.missing} 名合格考生没有编号` : '，合格考生均已有编号'}`,
      );
    });

  withDb(certificate.command('public-key').description('输出证书签名公钥（JWK），供离线查验'))
    .option('--out <file>', '写入文件（默认打印）')
    .action(async (o: { out?: string; db?: string }) => {
      const jwk = JSON.stringify(await withContext(o, (ctx) => certificatePublicKey(ctx)), null, 2);
      if (o.out) {
        writeFileSync(o.out, `${jwk}\n`);
        out(`公钥已写入 ${resolve(o.out)}`);
      } else out(jwk);
    });
  return certificate;
}
