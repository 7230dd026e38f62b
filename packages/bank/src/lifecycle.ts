import type { ItemStatus, Problem, Result, Role } from '@kaowu/domain';
import { err, ok } from '@kaowu/domain';

export type LifecycleAction = 'submit' | 'withdraw' | 'approve' | 'return' | 'retire';

export interface Actor {
  readonly username: string;
  readonly roles: readonly Role[];
}

const REVIEWER_ROLES: readonly Role[] = ['author', 'assessor'];

/** Why the lifecycle refuses a step; the services translate each into an error code. */
export type LifecycleProblemCode =
  | 'item_bad_status'
  | 'item_not_author'
  | 'item_role_required'
  | 'item_self_review'
  | 'item_in_review';
export type LifecycleProblem = Problem<LifecycleProblemCode>;

const problem = (code: LifecycleProblemCode, zh: string, en: string): LifecycleProblem => ({ code, zh, en });

/**
 * The item lifecycle: draft → in review → approved → retired. A reviewer approves or returns, and is never
 * the version's author (审核人不能是命题人).
 */
export function transition(
  status: ItemStatus,
  action: LifecycleAction,
  actor: Actor,
  author: string,
): Result<ItemStatus, LifecycleProblem> {
  const has = (roles: readonly Role[]): boolean => actor.roles.some((r) => roles.includes(r));
  switch (action) {
    case 'submit':
    case 'withdraw': {
      const from: ItemStatus = action === 'submit' ? 'draft' : 'in_review';
      if (status !== from)
        return err(
          problem(
            'item_bad_status',
            `只有${action === 'submit' ? '草稿' : '待审核'}状态的试题可以${action === 'submit' ? '提交审核' : '撤回'}`,
            `only ${from} items can be ${action === 'submit' ? 'submitted' : 'withdrawn'}`,
          ),
        );
      if (actor.username !== author && !has(['administrator']))
        return err(
          problem(
            'item_not_author',
            '只有命题人本人或管理员可以操作',
            'only the author or an administrator may do this',
          ),
        );
      return ok(action === 'submit' ? 'in_review' : 'draft');
    }
    case 'approve':
    case 'return': {
      if (status !== 'in_review')
        return err(problem('item_bad_status', '只有待审核的试题可以审核', 'only items in review can be reviewed'));
      if (!has(REVIEWER_ROLES))
        return err(
          problem(
            'item_role_required',
            '只有命题专家或考评员可以审核试题',
            'only authors or assessors may review items',
          ),
        );
      if (actor.username === author)
        return err(problem('item_self_review', '不能审核自己编写的试题', 'a reviewer cannot review their own item'));
      return ok(action === 'approve' ? 'approved' : 'draft');
    }
    case 'retire': {
      if (status !== 'approved')
        return err(problem('item_bad_status', '只有已通过的试题可以停用', 'only approved items can be retired'));
      if (!has(['administrator', 'author']))
        return err(
          problem(
            'item_role_required',
            '只有命题专家或管理员可以停用试题',
            'only authors or administrators may retire items',
          ),
        );
      return ok('retired');
    }
  }
}

/** Editing: drafts change in place; an approved version is kept and a new draft version is created. */
export type EditPlan = 'in_place' | 'new_version';

export function planEdit(status: ItemStatus): Result<EditPlan, LifecycleProblem> {
  if (status === 'draft') return ok('in_place');
  if (status === 'approved') return ok('new_version');
  if (status === 'in_review')
    return err(
      problem('item_in_review', '试题正在审核中，请先撤回再修改', 'the item is in review: withdraw it before editing'),
    );
  return err(problem('item_bad_status', '已停用的试题不能修改', 'retired items cannot be edited'));
}
