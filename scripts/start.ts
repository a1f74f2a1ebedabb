/**
 * `npm start`: everything a newcomer needs after `npm install`, in order —
 * generate a secret if missing, migrate the built-in database, sync the
 * course, create demo accounts on first start, build if the sources changed
 * since the last build, then serve on http://localhost:3000 (PORT to change).
 * A second start keeps all data.
 */
import { execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
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

async function main() {
  await prepare();
  buildIfNeeded();
  const port = process.env.PORT ?? "3000";
  console.log(`[leakless] serving on http://localhost:${port}`);
  const server = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "-p", port], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
