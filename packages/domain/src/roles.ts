export const ROLES = ['author', 'assessor', 'administrator', 'proctor'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_NAMES: Readonly<Record<Role, string>> = {
  author: '命题专家',
  assessor: '考评员',
  administrator: '考务管理员',
  proctor: '监考',
};
export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
