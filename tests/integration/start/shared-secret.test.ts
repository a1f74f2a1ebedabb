/**
 * A shared NEXTAUTH_SECRET is required wherever more than one instance may
 * serve the same users: `npm run start:web` always, `npm start` on
 * PostgreSQL. Both refuse to start without one, before touching the database
 * or building, with a message that says what to do and shows no password.
 * `npm start` on SQLite still generates its own (README "Quick start").
 */
import { spawnSync } from "node:child_process";
import { sharedSecretProblem } from "@/lib/auth/shared-secret";
import { ROOT } from "../../setup/paths";

const GOOD = "s".repeat(48);
const PG_URL = "postgresql://leakless:hunter2-secret-password@127.0.0.1:1/leakless";

function start(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [require.resolve("tsx/cli"), "scripts/start.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
}

test("who needs a deployer's secret", () => {
  expect(sharedSecretProblem({ DATABASE_URL: "file:./data/leakless.db" }, "all")).toBeNull();
  expect(sharedSecretProblem({}, "all")).toBeNull();
  expect(sharedSecretProblem({ NEXTAUTH_SECRET: GOOD }, "web")).toBeNull();
  expect(sharedSecretProblem({ NEXTAUTH_SECRET: GOOD, DATABASE_URL: PG_URL }, "all")).toBeNull();
  expect(sharedSecretProblem({}, "web")).toMatch(/NEXTAUTH_SECRET is not set.*start:web/);
  expect(sharedSecretProblem({ DATABASE_URL: PG_URL }, "all")).toMatch(/NEXTAUTH_SECRET is not set.*PostgreSQL/);
  expect(sharedSecretProblem({ NEXTAUTH_SECRET: "short" }, "web")).toMatch(/shorter than 32/);
});

test("npm run start:web refuses to start without a shared secret", () => {
  // Set (too short) rather than unset, so a developer's .env.local cannot fill it in.
  const res = start(["--web"], { NEXTAUTH_SECRET: "short", DATABASE_URL: "file:./data/never-created.db" });
  expect(res.status).toBe(1);
  expect(res.stderr).toMatch(/refusing to start: NEXTAUTH_SECRET is shorter than 32 characters/);
  expect(res.stderr).toMatch(/same value .* on every web instance/);
  expect(res.stdout).not.toMatch(/building|course synced/);
});

test("npm start on PostgreSQL refuses to generate a secret of its own, and prints no password", () => {
  const res = start([], { NEXTAUTH_SECRET: "short", DATABASE_URL: PG_URL });
  expect(res.status).toBe(1);
  expect(res.stderr).toMatch(/refusing to start: .*PostgreSQL/);
  expect(res.stdout + res.stderr).not.toContain("hunter2");
});
