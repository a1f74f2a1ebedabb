/**
 * `npm start`: everything a newcomer needs after `npm install`, in order —
 * generate a secret if missing, migrate the built-in database, sync the
 * course, create demo accounts on first start, build if the sources changed
 * since the last build, then serve on http://localhost:3000 (PORT to change).
 * A second start keeps all data.
 *
 * `npm run start:web` (`--web`) is the same without verifying: one of several
 * web instances beside `npm run verifier` workers (README "Deployment"). It
 * never generates a secret: every instance must share the deployer's.
 */
import { execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sharedSecretProblem, type StartRole } from "../lib/auth/shared-secret";
import { loadLocalEnv } from "./local-env";
import { prepare } from "./prepare";

const root = path.resolve(__dirname, "..");
// The app is meant to run offline; Next's anonymous telemetry stays off unless asked for.
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
const BUILD_STAMP = path.join(root, ".next", "leakless-build-hash");

/** Inputs of the production build; a change to any of them means rebuild. */
const BUILD_INPUTS = [
  "app",
  "lib",
  "public",
  "types",
  "next.config.ts",
  "package-lock.json",
  "tsconfig.json",
  "prisma/schema.prisma",
];
const SKIP = new Set(["node_modules", "generated", "pyodide", "runner", "dist", ".verifier"]);

function hashInputs(): string {
  const hash = crypto.createHash("sha256");
  const walk = (p: string) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) if (!SKIP.has(name)) walk(path.join(p, name));
    } else {
      hash.update(path.relative(root, p));
      hash.update(fs.readFileSync(p));
    }
  };
  for (const input of BUILD_INPUTS) walk(path.join(root, input));
  return hash.digest("hex");
}

function buildIfNeeded(): void {
  const current = hashInputs();
  const built = fs.existsSync(BUILD_STAMP) ? fs.readFileSync(BUILD_STAMP, "utf8") : "";
  if (built === current && fs.existsSync(path.join(root, ".next", "BUILD_ID"))) return;
  console.log("[leakless] building the app (first start or sources changed)…");
  execFileSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit" });
  fs.writeFileSync(BUILD_STAMP, current);
}

/** The demo accounts whose passwords still work, as the last lines once the server is up. */
async function demoAccountsText(): Promise<string> {
  const { env } = await import("../lib/env");
  const { localDataDir } = await import("../lib/db/url");
  const { createPrismaClient } = await import("../lib/db/create-client");
  const { demoCredentialsFile, formatDemoCredentials, validDemoCredentials } =
    await import("../lib/users/demo-accounts");
  const db = createPrismaClient();
  try {
    const valid = await validDemoCredentials(db, demoCredentialsFile(localDataDir(env.DATABASE_URL)));
    if (valid.length === 0) return "";
    return [
      "",
      "  Demo accounts (sign in with these; an admin resets passwords at /admin/users,",
      "  or from the shell: npm run users:set-password -- EMAIL):",
      formatDemoCredentials(valid),
      "",
    ].join("\n");
  } finally {
    await db.$disconnect();
  }
}

async function main() {
  const role: StartRole = process.argv.includes("--web") ? "web" : "all";
  loadLocalEnv();
  const problem = sharedSecretProblem(process.env, role);
  if (problem) throw new Error(`[leakless] refusing to start: ${problem}`);
  await prepare();
  buildIfNeeded();
  const port = process.env.PORT ?? "3000";
  const demo = await demoAccountsText();
  const server = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "-p", port], {
    cwd: root,
    stdio: ["inherit", "pipe", "inherit"],
    env: { ...process.env, NODE_ENV: "production", LEAKLESS_ROLE: role },
  });
  // Next's own lines pass through; once it is ready, the address and the demo accounts come last.
  let announced = false;
  server.stdout.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (!announced && /Ready in/.test(chunk.toString())) {
      announced = true;
      if (role === "web") console.log("[leakless] web only: submissions are verified by `npm run verifier` workers");
      console.log(`${demo}\n[leakless] serving on http://localhost:${port}`);
    }
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
