/**
 * Password resets: an admin resets any account's password from /admin/users
 * (a new random one, shown once to the admin to pass on), and the shell
 * command `npm run users:set-password` does the same with no one signed in
 * (the first admin, a locked-out demo). Either way every session of that
 * account is revoked (sessionVersion), so an old cookie stops working.
 */
import crypto from "node:crypto";
import { z } from "zod";
import type { Db } from "../db/create-client";
import { forbidden, notFound } from "../auth/errors";
import { can } from "../auth/permissions";
import type { SessionUser } from "../auth/session";
import { hashPassword } from "../auth/password";
import { EmailSchema, PasswordSchema } from "./sign-up";

/** 12 characters from 9 random bytes: what demo accounts get too. */
export function randomPassword(): string {
  return crypto.randomBytes(9).toString("base64url");
}

async function writePassword(db: Db, where: { id: string } | { email: string }, password: string) {
  const passwordHash = await hashPassword(PasswordSchema.parse(password));
  const updated = await db.user.updateMany({
    where,
    data: { passwordHash, sessionVersion: { increment: 1 } },
  });
  if (updated.count === 0) throw notFound("User");
}

/** An admin resets a user's password; returns the new one (shown once, never stored in clear). */
export async function resetPasswordAsAdmin(db: Db, actor: SessionUser, input: unknown): Promise<{ password: string }> {
  if (!can(actor.role, "user:promote")) throw forbidden("reset passwords");
  const { userId } = z.object({ userId: z.string().min(1).max(64) }).parse(input);
  const password = randomPassword();
  await writePassword(db, { id: userId }, password);
  return { password };
}

/** The shell's reset (no session: whoever runs it already holds the database). */
export async function setPasswordByEmail(db: Db, email: string, password: string): Promise<void> {
  await writePassword(db, { email: EmailSchema.parse(email) }, password);
}
