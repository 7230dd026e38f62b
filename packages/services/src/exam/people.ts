import { parseIdNumber } from '@kaowu/domain';

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖' +
  '田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方' +
  '白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '志强',
  '海燕',
  '晓东',
  '红梅',
  '国庆',
  '春生',
  '立新',
];

/** The check character that makes 17 digits a valid resident ID (GB 11643), found by the domain's own parser. */
export function withCheckDigit(first17: string): string {
  for (const c of '0123456789X') if (parseIdNumber(first17 + c).ok) return first17 + c;
  throw new Error(`no check digit makes ${first17} valid`);
}

/**
 * Made-up people with valid ID numbers, deterministic in `n` (demo and test data; region 440308, births
 * 1975–1999, the sequence digit's parity alternating sex).
 */
export function syntheticPerson(n: number): {
  name: string;
  idNumber: string;
  unit: string;
  education: string;
  years: number;
} {
  const surname = SURNAMES[n % SURNAMES.length]!;
  const given = GIVEN[(n * 7) % GIVEN.length]!;
  const year = 1975 + (n % 25);
  const month = String(1 + (n % 12)).padStart(2, '0');
  const day = String(1 + ((n * 3) % 28)).padStart(2, '0');
  const seq = String(100 + (n % 900)).padStart(3, '0');
  const units = ['供电一车间', '供电二车间', '检修工区', '变电运维班', '配电工区'];
  const education = ['高中', '中专', '技工学校', '大专', '本科'];
  return {
    name: surname + given,
    idNumber: withCheckDigit(`440308${year}${month}${day}${seq}`),
    unit: units[n % units.length]!,
    education: education[n % education.length]!,
    years: 1 + (n % 15),
  };
}
