import crypto from "node:crypto";
import type { Db } from "../db/create-client";
import { hashPassword } from "../auth/password";
import { Role } from "../db/generated/enums";

export type DemoCredential = { role: Role; email: string; password: string };

const DEMO_USERS = [
  { role: Role.ADMIN, email: "admin@leakless.local", name: "Ada Admin" },
  { role: Role.INSTRUCTOR, email: "instructor@leakless.local", name: "Ivan Instructor" },
  { role: Role.LEARNER, email: "learner@leakless.local", name: "Lea Learner" },
] as const;

/**
 * On a database with no users, create one account per role with a random
 * password, and return the credentials so the caller prints them once. On any
 * later start it does nothing (returns []), so data and passwords are kept.
 */
export async function createDemoAccountsIfEmpty(db: Db): Promise<DemoCredential[]> {
  if ((await db.user.count()) > 0) return [];
  const created: DemoCredential[] = [];
  for (const u of DEMO_USERS) {
    const password = crypto.randomBytes(9).toString("base64url"); // 12 characters
    await db.user.create({
      data: { email: u.email, name: u.name, role: u.role, passwordHash: await hashPassword(password) },
    });
    created.push({ role: u.role, email: u.email, password });
  }
  return created;
}
