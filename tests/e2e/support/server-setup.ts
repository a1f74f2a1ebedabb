/**
 * Start the real production server once for the browser suite: a fresh
 * SQLite database in a temp folder (migrated and synced by the same
 * scripts/prepare.ts as `npm start`), a free port, and the existing build.
 * The URL and database path are handed to tests through a state file.
 */
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { STATE_FILE, type E2EState } from "./state";

const ROOT = path.resolve(__dirname, "..", "..", "..");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

async function waitForServer(url: string, child: { exitCode: number | null }, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not answer at ${url} within ${timeoutMs} ms`);
}

export default async function setup(): Promise<void> {
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    throw new Error("No production build: run `npm run build` before `npm run test:e2e`.");
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "leakless-e2e-"));
  const dbFile = path.join(dir, "e2e.db");
  const port = await freePort();
  const env = {
    ...process.env,
    NODE_ENV: "production" as const,
    DATABASE_URL: `file:${dbFile}`,
    NEXTAUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-0123456789",
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    PORT: String(port),
    // The tests act as the one trusted proxy: their X-Forwarded-For is the client address.
    TRUSTED_PROXY_HOPS: "1",
  };
  execFileSync(process.execPath, [require.resolve("tsx/cli"), "scripts/prepare.ts"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const log = fs.openSync(path.join(dir, "server.log"), "a");
  const server = spawn(
    process.execPath,
    [require.resolve("next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: ROOT,
      env,
      stdio: ["ignore", log, log],
      detached: true,
    },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForServer(url, server, 60000);
  const state: E2EState = { url, dbFile, dir, pid: server.pid!, outputDir: path.join(ROOT, "test-results", "e2e") };
  fs.mkdirSync(state.outputDir, { recursive: true });
  fs.writeFileSync(STATE_FILE, JSON.stringify(state));
}
