/**
 * What `npm start` does before serving, run twice on a new database: the
 * first run migrates, syncs the course and prints demo credentials that work;
 * the second keeps every row and prints no credentials. And a missing secret
 * is generated into .env.local, once.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { createPrismaClient } from "@/lib/db/create-client";
import { migrationNames, pendingMigrations } from "@/lib/db/pending-migrations";
import { verifyPassword } from "@/lib/auth/password";
import { demoCredentialsFile, validDemoCredentials } from "@/lib/users/demo-accounts";
import { ensureLocalEnv } from "@/scripts/local-env";
import { ROOT } from "../../setup/paths";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "leakless-prepare-"));
const dbFile = path.join(dir, "fresh.db");

function prepare() {
  const res = spawnSync(process.execPath, [require.resolve("tsx/cli"), "scripts/prepare.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${dbFile}`, NEXTAUTH_SECRET: "x".repeat(40) },
    encoding: "utf8",
  });
  expect(res.stderr).not.toMatch(/Error/);
  expect(res.status).toBe(0);
  return res.stdout;
}

test("first start creates demo accounts whose printed passwords work; a second start keeps everything", async () => {
  const first = prepare();
  const creds = [...first.matchAll(/^\s+(admin|instructor|learner)\s+(\S+@\S+)\s+(\S+)$/gm)].map((m) => ({
    role: m[1],
    email: m[2],
    password: m[3],
  }));
  expect(creds.map((c) => c.role)).toEqual(["admin", "instructor", "learner"]);

  const db = createPrismaClient(`file:${dbFile}`);
  try {
    for (const c of creds) {
      const user = await db.user.findUniqueOrThrow({ where: { email: c.email } });
      expect(user.role).toBe(c.role.toUpperCase());
      expect(await verifyPassword(c.password, user.passwordHash!)).toBe(true);
    }
    const learner = await db.user.findUniqueOrThrow({ where: { email: creds[2].email } });
    const exercise = await db.exercise.findFirstOrThrow();
    await db.draft.create({ data: { userId: learner.id, exerciseId: exercise.id, code: "kept = True" } });
    const exercises = await db.exercise.count();
    expect(exercises).toBeGreaterThanOrEqual(15);

    // The server is not running during `npm start`'s preparation; close our
    // connection too, as migrate deploy wants the database to itself.
    await db.$disconnect();
    const second = prepare();
    expect(second).not.toMatch(/Demo accounts/);
    expect(await db.user.count()).toBe(3);
    expect(await db.exercise.count()).toBe(exercises);
    expect((await db.draft.findFirstOrThrow()).code).toBe("kept = True");
  } finally {
    await db.$disconnect();
  }
});

test("the demo credentials are kept beside the database for `npm start` to print again, while they still work", async () => {
  prepare(); // the database of the test above, or a new one if it ran alone
  const file = demoCredentialsFile(dir);
  expect(fs.statSync(file).mode & 0o077).toBe(0); // readable by its owner only
  const db = createPrismaClient(`file:${dbFile}`);
  try {
    const saved = await validDemoCredentials(db, file);
    expect(saved.map((c) => c.role)).toEqual(["ADMIN", "INSTRUCTOR", "LEARNER"]);
    // The shell's reset, as a real process: a piped password is used; then that one no longer prints.
    await db.$disconnect();
    const learner = saved[2];
    const res = spawnSync(process.execPath, [require.resolve("tsx/cli"), "scripts/set-password.ts", learner.email], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: `file:${dbFile}`, NEXTAUTH_SECRET: "x".repeat(40) },
      input: "a new long passphrase\n",
      encoding: "utf8",
    });
    expect(res.status).toBe(0);
    expect(res.stdout).toContain(`Password of ${learner.email} changed`);
    expect(res.stdout).not.toContain("a new long passphrase");
    const user = await db.user.findUniqueOrThrow({ where: { email: learner.email } });
    expect(await verifyPassword("a new long passphrase", user.passwordHash!)).toBe(true);
    expect(user.sessionVersion).toBeGreaterThan(0); // every session of the account signed out
    expect((await validDemoCredentials(db, file)).map((c) => c.role)).toEqual(["ADMIN", "INSTRUCTOR"]);

    // An unknown email and a too-short password are refused with a message, and change nothing.
    const unknown = spawnSync(
      process.execPath,
      [require.resolve("tsx/cli"), "scripts/set-password.ts", "nobody@example.com"],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: `file:${dbFile}`, NEXTAUTH_SECRET: "x".repeat(40) },
        input: "another long passphrase\n",
        encoding: "utf8",
      },
    );
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain("No account has that email.");
    const short = spawnSync(process.execPath, [require.resolve("tsx/cli"), "scripts/set-password.ts", learner.email], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: `file:${dbFile}`, NEXTAUTH_SECRET: "x".repeat(40) },
      input: "short\n",
      encoding: "utf8",
    });
    expect(short.status).toBe(1);
    expect(short.stderr).toContain("at least 10 characters");
  } finally {
    await db.$disconnect();
  }
});

test("with nothing new to migrate, preparing works while another process has the database open (seed while the app runs)", async () => {
  const migrations = path.join(ROOT, "prisma", "migrations");
  expect(await pendingMigrations(`file:${path.join(dir, "missing.db")}`, migrations)).toEqual(
    migrationNames(migrations),
  );
  prepare(); // the database of the test above, or a new one if it ran alone
  expect(await pendingMigrations(`file:${dbFile}`, migrations)).toEqual([]);

  // An open connection in the middle of a read, like the running server's.
  const other = new Database(dbFile);
  other.pragma("journal_mode = WAL");
  const reading = other.prepare('SELECT id FROM "Exercise"').iterate();
  reading.next();
  try {
    expect(prepare()).toMatch(/course synced/);
  } finally {
    reading.return?.();
    other.close();
  }
});

test("a missing secret is generated into .env.local once, with private permissions", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "leakless-env-"));
  const saved = { secret: process.env.NEXTAUTH_SECRET, nodeEnv: process.env.NODE_ENV };
  delete process.env.NEXTAUTH_SECRET;
  // Next skips .env.local when NODE_ENV is "test" (jest's); npm start never runs as test.
  (process.env as Record<string, string>).NODE_ENV = "development";
  try {
    ensureLocalEnv(root);
    const file = path.join(root, ".env.local");
    const secret = /NEXTAUTH_SECRET=(\S+)/.exec(fs.readFileSync(file, "utf8"))?.[1];
    expect(secret && secret.length).toBeGreaterThanOrEqual(48);
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    // A second start finds it and keeps it.
    delete process.env.NEXTAUTH_SECRET;
    ensureLocalEnv(root);
    expect(process.env.NEXTAUTH_SECRET).toBe(secret);
    expect(fs.readFileSync(file, "utf8").match(/NEXTAUTH_SECRET=/g)).toHaveLength(1);
  } finally {
    process.env.NEXTAUTH_SECRET = saved.secret;
    (process.env as Record<string, string | undefined>).NODE_ENV = saved.nodeEnv;
  }
});
