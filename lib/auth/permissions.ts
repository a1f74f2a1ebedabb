/**
 * What each role may do, as data (dub's ROLE_PERMISSIONS): a check reads this
 * table instead of comparing role names all over the code, so adding a role or
 * a permission is one edit here.
 */
import type { Role } from "../db/generated/enums";

export const PERMISSIONS = [
  "exercise:solve", // open exercises, run, check, submit, keep drafts
  "cohort:join",
  "cohort:manage", // create cohorts, see own cohorts' learners and submissions
  "submission:review", // feedback, overrides, regrades in own cohorts
  "content:preview", // see solutions, hidden checks, content errors
  "cohort:all", // see every cohort, not only one's own
  "user:promote",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  LEARNER: ["exercise:solve", "cohort:join"],
  INSTRUCTOR: ["exercise:solve", "cohort:join", "cohort:manage", "submission:review", "content:preview"],
  ADMIN: [
    "exercise:solve",
    "cohort:join",
    "cohort:manage",
    "submission:review",
    "content:preview",
    "cohort:all",
    "user:promote",
  ],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
