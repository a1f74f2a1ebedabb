import { z } from "zod";
import type { Db } from "../db/create-client";
import { forbidden, notFound } from "../auth/errors";
import { can } from "../auth/permissions";
import type { SessionUser } from "../auth/session";
import { Role } from "../db/generated/enums";

export const SetRoleSchema = z.object({
  userId: z.string().min(1).max(64),
  role: z.enum([Role.LEARNER, Role.INSTRUCTOR, Role.ADMIN]),
});

/**
 * Change a user's role (an admin promotes a learner to instructor, or back).
 * The check lives here, not only in the page: every caller is held to it.
 * The role is read from the database on every request, so it applies at once.
 */
export async function setUserRole(db: Db, actor: SessionUser, input: unknown) {
  if (!can(actor.role, "user:promote")) throw forbidden("change roles");
  const { userId, role } = SetRoleSchema.parse(input);
  if (userId === actor.id && role !== Role.ADMIN) {
    // An admin demoting themselves could leave nobody able to undo it.
    throw forbidden("remove your own admin role");
  }
  const existing = await db.user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!existing) throw notFound("User");
  return db.user.update({ where: { id: userId }, data: { role }, select: { id: true, role: true } });
}

export async function listUsers(db: Db, actor: SessionUser) {
  if (!can(actor.role, "user:promote")) throw forbidden("list users");
  return db.user.findMany({
    orderBy: { createdAt: "asc" },
    select: { id: true, email: true, name: true, role: true, createdAt: true },
    take: 500,
  });
}
