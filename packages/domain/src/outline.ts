import { z } from 'zod';
import { levelCode } from './level-schema.ts';
import { occupation } from './occupation.ts';

/** Importance of an assessment point: X core (核心), Y general (一般), Z awareness (了解). */
export const importance = z.enum(['X', 'Y', 'Z']);
export type Importance = z.infer<typeof importance>;

export const outlinePoint = z.strictObject({
  code: z.string().regex(/^[A-Z]+\d{3}$/, { message: '鉴定点代码应为范围字母加三位数字，例如 BA001' }),
  name: z.string().trim().min(1),
  importance,
});
export type OutlinePoint = z.infer<typeof outlinePoint>;

export interface OutlineArea {
  code: string;
  name: string;
  /** Theory weight (%) — required on top-level areas, absent below. */
  weight?: number | undefined;
  areas?: OutlineArea[] | undefined;
  points?: OutlinePoint[] | undefined;
}

export const outlineArea: z.ZodType<OutlineArea> = z.lazy(() =>
  z.strictObject({
    code: z.string().regex(/^[A-Z]{1,6}$/, { message: '鉴定范围代码应为 1–6 个大写字母' }),
    name: z.string().trim().min(1),
    weight: z.number().min(0).max(100).optional(),
    areas: z.array(outlineArea).optional(),
    points: z.array(outlinePoint).optional(),
  }),
);

/** The assessment outline (鉴定要素细目表) of one occupation × level. */
export const outline = z.strictObject({
  occupation,
  level: levelCode,
  basis: z.string().trim().min(1),
  areas: z.array(outlineArea).min(1),
});
export type Outline = z.infer<typeof outline>;

export interface PointInfo extends OutlinePoint {
  /** Area codes from the top-level area down to the point's own area. */
  readonly areaPath: readonly string[];
}

export interface OutlineIndex {
  readonly points: ReadonlyMap<string, PointInfo>;
  /** Top-level areas with their theory weights, in outline order. */
  readonly topAreas: readonly { code: string; name: string; weight: number }[];
  readonly areaNames: ReadonlyMap<string, string>;
}

export function indexOutline(value: Outline): OutlineIndex {
  const points = new Map<string, PointInfo>();
  const areaNames = new Map<string, string>();
  const walk = (area: OutlineArea, path: string[]): void => {
    const here = [...path, area.code];
    areaNames.set(area.code, area.name);
    for (const point of area.points ?? []) points.set(point.code, { ...point, areaPath: here });
    for (const child of area.areas ?? []) walk(child, here);
  };
  for (const area of value.areas) walk(area, []);
  const topAreas = value.areas.map((a) => ({ code: a.code, name: a.name, weight: a.weight ?? 0 }));
  return { points, topAreas, areaNames };
}

/**
 * Structural rules zod cannot express: codes nest (BA inside B, BA001 inside BA), codes are unique,
 * every top-level area has a theory weight and the weights add up to 100.
 */
export function outlineProblems(value: Outline): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const note = (code: string): void => {
    if (seen.has(code)) problems.push(`代码 ${code} 重复`);
    seen.add(code);
  };
  const walk = (area: OutlineArea, parent: string | undefined): void => {
    note(area.code);
    if (parent !== undefined) {
      if (area.code.length !== parent.length + 1 || !area.code.startsWith(parent))
        problems.push(`鉴定范围 ${area.code} 应以上级代码 ${parent} 开头并多一个字母`);
      if (area.weight !== undefined) problems.push(`鉴定范围 ${area.code} 不是一级范围，不应设置理论权重`);
    }
    if ((area.areas ?? []).length === 0 && (area.points ?? []).length === 0)
      problems.push(`鉴定范围 ${area.code} 下没有鉴定点`);
    for (const point of area.points ?? []) {
      note(point.code);
      if (point.code.replace(/\d{3}$/, '') !== area.code)
        problems.push(`鉴定点 ${point.code} 的代码应以所属范围 ${area.code} 开头`);
    }
    for (const child of area.areas ?? []) walk(child, area.code);
  };
  for (const area of value.areas) {
    if (area.weight === undefined) problems.push(`一级鉴定范围 ${area.code} 缺少理论权重`);
    walk(area, undefined);
  }
  const total = value.areas.reduce((sum, a) => sum + (a.weight ?? 0), 0);
  if (Math.abs(total - 100) > 1e-9) problems.push(`一级鉴定范围的理论权重合计为 ${total}%，应为 100%`);
  return problems;
}
