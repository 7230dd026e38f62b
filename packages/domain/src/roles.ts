/** Roles live in the permission table (permissions.ts); kept as a module for existing imports. */
export { isRole, ROLE_NAMES, ROLES, type Role } from './permissions.ts';
