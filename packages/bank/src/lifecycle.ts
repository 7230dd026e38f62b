import type { ItemStatus, Problem, Result, Role } from '@kaowu/domain';
import { err, ok, problem } from '@kaowu/domain';

export type LifecycleAction = 'submit' | 'withdraw' | 'approve' | 'return' | 'retire';

export interface Actor {
  readonly username: string;
  readonly roles: readonly Role[];
}

/**
 * Who takes a lifecycle step, as the rules about the item need them. Who may take the step at all (submit, review,
 * retire) is the permission table's to say, checked by the use case before; `forOthers` is the table's answer to
 * whether this person may submit or withdraw another author's item (item.submit.others).
 */
export interface LifecycleActor {
  readonly username: string;
  readonly forOthers: boolean;
}

/** Why the lifecycle refuses a step; the services translate each into an error code. */
export type LifecycleProblemCode = 'item_bad_status' | 'item_not_author' | 'item_self_review' | 'item_in_review';
export type LifecycleProblem = Problem<LifecycleProblemCode>;

/**
 * The item lifecycle: draft → in review → approved → retired. Only the version's author submits or withdraws it
 * (or someone the table lets act for others); a reviewer is never the version's author (审核人不能是命题人).
 */
export function transition(
  status: ItemStatus,
  action: LifecycleAction,
  actor: LifecycleActor,
  author: string,
): Result<ItemStatus, LifecycleProblem> {
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
      if (actor.username !== author && !actor.forOthers)
        return err(
          problem(
            'item_not_author',
            '只有命题人本人或考务管理员可以提交或撤回该试题',
            'only the author or an administrator may submit or withdraw this item',
          ),
        );
      return ok(action === 'submit' ? 'in_review' : 'draft');
    }
    case 'approve':
    case 'return': {
      if (status !== 'in_review')
        return err(problem('item_bad_status', '只有待审核的试题可以审核', 'only items in review can be reviewed'));
      if (actor.username === author)
        return err(problem('item_self_review', '不能审核自己编写的试题', 'a reviewer cannot review their own item'));
      return ok(action === 'approve' ? 'approved' : 'draft');
    }
    case 'retire': {
      if (status !== 'approved')
        return err(problem('item_bad_status', '只有已通过的试题可以停用', 'only approved items can be retired'));
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
