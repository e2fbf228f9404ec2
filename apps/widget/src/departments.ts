import type { Department } from '@kefu/protocol';

/**
 * The team a new conversation should go to: the only department when the site offers
 * one (no question asked), else the visitor's choice while the site still offers it.
 * Undefined: no department (the site's routing decides) or a choice still to make.
 */
export function departmentToSend(departments: readonly Department[], chosen: string | null): string | undefined {
  if (departments.length === 1) return departments[0]!.id;
  return departments.some((d) => d.id === chosen) ? (chosen as string) : undefined;
}

/** Whether the pre-chat form must ask "Which department?": 2+ offered and none (still) chosen. */
export const asksDepartment = (departments: readonly Department[], chosen: string | null): boolean =>
  departments.length >= 2 && departmentToSend(departments, chosen) === undefined;
