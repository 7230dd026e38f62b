import { toBlueprint, type Blueprint, type BlueprintInput, type Outline } from '@kaowu/domain';
import { TEST_BLUEPRINT } from '@kaowu/domain/testing';

/** TEST_BLUEPRINT with `input` laid over it, validated against `outline`; a fixture that does not validate throws. */
export function testBlueprint(input: Partial<BlueprintInput>, outline: Outline): Blueprint {
  const parsed = toBlueprint({ ...TEST_BLUEPRINT, ...input }, outline);
  if (!parsed.ok) throw new Error(parsed.error.map((p) => p.zh).join('; '));
  return parsed.value;
}
