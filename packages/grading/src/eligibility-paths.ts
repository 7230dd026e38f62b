import {
  AWARD_SCOPE_NAMES,
  EDUCATION_NAMES,
  ELIGIBILITY_PATH_KIND_NAMES,
  eligibilityPath,
  LEVELS,
  type EligibilityCondition,
  type EligibilityPath,
  type EligibilityPathInput,
  type LevelCode,
} from '@kaowu/domain';

const TECH_SCHOOLS = ['technical_school', 'senior_technical_school', 'technician_college'] as const;
const HIGHER_TECH_SCHOOLS = ['senior_technical_school', 'technician_college'] as const;
const COLLEGE = ['associate', 'bachelor', 'master', 'doctor'] as const;

/**
 * 申报条件 in the style of the national occupational skill standards (国家职业技能标准, 2018 技术规程),
 * one alternative per entry. Skip-level (越级, Hefei 第十二条) needs the standard's years along the
 * chain without the certificates (四级 6, 三级 6 + 5 = 11, 二级 11 + 4 = 15); exceptional promotion
 * (破格, 第十三条) needs a city-level award or result for 技师 and a provincial one for 高级技师.
 * Every plan may replace these with its own (plan.eligibility.paths).
 */
const DEFAULTS: Readonly<Record<LevelCode, readonly EligibilityPathInput[]>> = {
  5: [{ conditions: [{ kind: 'occupation_years', min: 1 }] }, { conditions: [{ kind: 'apprenticeship' }] }],
  4: [
    { conditions: [{ kind: 'certificate', level: 5, minYearsSince: 4 }] },
    { conditions: [{ kind: 'occupation_years', min: 6 }] },
    { conditions: [{ kind: 'education', anyOf: [...TECH_SCHOOLS] }] },
  ],
  3: [
    { conditions: [{ kind: 'certificate', level: 4, minYearsSince: 5 }] },
    {
      conditions: [
        { kind: 'certificate', level: 4 },
        { kind: 'education', anyOf: [...HIGHER_TECH_SCHOOLS] },
      ],
    },
    {
      conditions: [
        { kind: 'certificate', level: 4, minYearsSince: 2 },
        { kind: 'education', anyOf: [...COLLEGE] },
      ],
    },
    { kind: 'skip_level', conditions: [{ kind: 'occupation_years', min: 11 }], evidence: ['work_years'] },
  ],
  2: [
    { conditions: [{ kind: 'certificate', level: 3, minYearsSince: 4 }] },
    {
      conditions: [
        { kind: 'certificate', level: 3, minYearsSince: 3 },
        { kind: 'education', anyOf: [...HIGHER_TECH_SCHOOLS] },
      ],
    },
    { kind: 'skip_level', conditions: [{ kind: 'occupation_years', min: 15 }], evidence: ['work_years'] },
    { kind: 'exceptional', conditions: [{ kind: 'award', minScope: 'city' }] },
  ],
  1: [
    { conditions: [{ kind: 'certificate', level: 2, minYearsSince: 4 }] },
    { kind: 'exceptional', conditions: [{ kind: 'award', minScope: 'province' }] },
  ],
};

export function defaultEligibilityPaths(level: LevelCode): EligibilityPath[] {
  return DEFAULTS[level].map((p) => eligibilityPath.parse(p));
}

const years = (n: number): string => `${n} 年`;

/** The honours and achievements an award condition accepts, from its scope up. */
const HONOURS = '劳动奖章、劳动模范、技术能手、技能竞赛前三名等荣誉或重大技术成果';

export function describeCondition(c: EligibilityCondition): string {
  switch (c.kind) {
    case 'certificate': {
      const since = c.minYearsSince > 0 ? `后累计从事本职业工作满 ${years(c.minYearsSince)}` : '';
      return `取得本职业（或相关职业）${LEVELS[c.level].name}证书${since}`;
    }
    case 'occupation_years':
      return `累计从事本职业工作满 ${years(c.min)}`;
    case 'education': {
      const schools = c.anyOf.map((e) => EDUCATION_NAMES[e]).join('或');
      return `具有${schools}${c.relevantMajor ? '本专业或相关专业' : ''}毕业证书`;
    }
    case 'apprenticeship':
      return '本职业学徒期满';
    case 'award':
      return `获得${AWARD_SCOPE_NAMES[c.minScope]}及以上${HONOURS}`;
  }
}

export function describePath(path: EligibilityPath): string {
  const prefix = ELIGIBILITY_PATH_KIND_NAMES[path.kind];
  const text = path.conditions.map(describeCondition).join('，并');
  return prefix === '' ? text : `${prefix}：${text}`;
}
