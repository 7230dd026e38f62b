import type { Role } from './contract.ts';

/** Same names as @kaowu/domain's ROLE_NAMES (roles.ts is not part of the browser entry). */
export const ROLE_NAMES: Readonly<Record<Role, string>> = {
  author: '命题专家',
  assessor: '考评员',
  administrator: '考务管理员',
  proctor: '监考',
};
