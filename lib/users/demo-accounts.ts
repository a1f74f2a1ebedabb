import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../db/create-client";
import { hashPassword, verifyPassword } from "../auth/password";
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

/**
 * The demo credentials are kept beside the database (data/ for PostgreSQL;
 * lib/db/url.ts localDataDir), mode 0600, never in the repository, so `npm start` can print them again after the build's output,
 * instead of once, above hundreds of lines. Only those still valid are shown:
 * a changed password drops out.
 */
export function demoCredentialsFile(dataDir: string): string {
  return path.join(dataDir, "demo-accounts.json");
}

export function saveDemoCredentials(file: string, credentials: DemoCredential[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
}

export async function validDemoCredentials(db: Db, file: string): Promise<DemoCredential[]> {
  let saved: DemoCredential[];
  try {
    saved = JSON.parse(fs.readFileSync(file, "utf8")) as DemoCredential[];
  } catch {
    return [];
  }
  const valid: DemoCredential[] = [];
  for (const c of saved) {
    const user = await db.user.findUnique({ where: { email: c.email }, select: { passwordHash: true } });
    if (user?.passwordHash && (await verifyPassword(c.password, user.passwordHash))) valid.push(c);
  }
  return valid;
}

export function formatDemoCredentials(credentials: DemoCredential[]): string {
  return credentials
    .map((d) => `    ${d.role.toLowerCase().padEnd(10)} ${d.email.padEnd(28)} ${d.password}`)
    .join("\n");
}
