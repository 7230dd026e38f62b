import { ROLE_NAMES, type Role, STAFF_DUTY_NAMES, type StaffDuty } from './permissions.ts';

/** The role a duty implies: a proctor's or an assessor's duty adds nothing to the role of the same work. */
const DUTY_ROLE: Readonly<Record<StaffDuty, Role | null>> = {
  proctor: 'proctor',
  assessor: 'assessor',
  supervisor: null,
  external_supervisor: null,
};

/**
 * How the console's header names the signed-in person: 姓名（角色、职责）, each word once. Their roles, then the batch
 * duties no role already says (内部督导员 holds no role); a person with neither is shown by name alone, and a name
 * that is only the role's word is not repeated.
 */
export function personLabel(displayName: string, roles: readonly Role[], duties: readonly StaffDuty[] = []): string {
  const words = [
    ...roles.map((r) => ROLE_NAMES[r]),
    ...duties.filter((d) => !roles.includes(DUTY_ROLE[d] as Role)).map((d) => STAFF_DUTY_NAMES[d]),
  ].filter((w, i, all) => all.indexOf(w) === i && w !== displayName);
  return words.length === 0 ? displayName : `${displayName}（${words.join('、')}）`;
}
