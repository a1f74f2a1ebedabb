/**
 * The browser worker that learners' Check button uses carries the same check
 * API as the server: the built `public/runner/worker.mjs` (with the `leakless`
 * package embedded by scripts/build-runner.mjs) runs in Debian's Chromium,
 * served from a plain static server with the cross-origin isolation headers,
 * and answers the frame helper and the "cannot be weakly referenced" error
 * as the server's tests expect. Needs `node scripts/build-runner.mjs` (run by
 * `npm install` and `npm run build`).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import type { CheckResult } from "@/lib/grading/result";
import { PYODIDE_INDEX_PATH, RUNNER_WORKER_URL } from "@/lib/runner/assets";
import { ROOT } from "../../setup/paths";

jest.setTimeout(300_000);

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PUBLIC = path.join(ROOT, "public");
const TYPES: Record<string, string> = {
  ".mjs": "text/javascript",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".zip": "application/zip",
  ".gz": "application/gzip",
  ".html": "text/html",
};

let server: http.Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  if (!fs.existsSync(path.join(PUBLIC, RUNNER_WORKER_URL))) {
    throw new Error(`no ${RUNNER_WORKER_URL} under public/: run node scripts/build-runner.mjs first`);
  }
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const file = url.pathname === "/" ? null : path.join(PUBLIC, path.normalize(url.pathname));
    const headers = {
      "Cross-Origin-Opener-Policy": "same-origin",
      "Cross-Origin-Embedder-Policy": "require-corp",
      "Cross-Origin-Resource-Policy": "same-origin",
    };
    if (!file) {
      res.writeHead(200, { ...headers, "Content-Type": "text/html" }).end("<!doctype html><title>worker</title>");
    } else if (file.startsWith(PUBLIC) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      const type = TYPES[path.extname(file)] ?? "application/octet-stream";
      res.writeHead(200, { ...headers, "Content-Type": type });
      fs.createReadStream(file).pipe(res);
    } else res.writeHead(404, headers).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** One check request to a fresh worker, as the page's client sends it (protocol.ts). */
async function checkInBrowser(code: string, checks: string): Promise<CheckResult> {
  const page = await browser.newPage();
  try {
    await page.goto(base);
    return await page.evaluate(
      async ({ workerUrl, indexURL, code, checks, nonce }) => {
        const worker = new Worker(workerUrl, { type: "module" });
        const reply = new Promise<CheckResult>((resolve, reject) => {
          worker.onmessage = (event) => {
            const message = event.data;
            if (message.type === "ready") {
              worker.postMessage({
                type: "check",
                id: 1,
                nonce,
                code,
                checks: [{ name: "test_visible.py", source: checks, visibility: "visible" }],
                options: { timeLimitMs: 60_000, outputLimit: 64_000, seed: 0, memoryReport: false },
              });
            } else if (message.type === "result") resolve(message.result);
            else if (message.type === "fatal") reject(new Error(JSON.stringify(message)));
          };
        });
        worker.postMessage({ type: "init", protocol: 1, indexURL, memoryLimitBytes: 256 * 1024 * 1024 });
        try {
          return await reply;
        } finally {
          worker.terminate();
        }
      },
      {
        workerUrl: RUNNER_WORKER_URL,
        indexURL: PYODIDE_INDEX_PATH,
        code,
        checks,
        nonce: randomBytes(16).toString("hex"),
      },
    );
  } finally {
    await page.close();
  }
}

const CODE = String.raw`
last_error = None


def parse(text):
    rows = text.split(",")
    if not rows[-1]:
        raise ValueError("empty last field")
    return rows


def parse_and_keep_error(text):
    global last_error
    try:
        return parse(text)
    except ValueError as error:
        last_error = error


def numbers(n):
    yield from range(n)


def make_list():
    return [1, 2, 3]
`;

const CHECKS = String.raw`
import submission
from leakless import assert_no_live_frames, freed_by_refcount, live_frames
from submission import make_list, numbers, parse, parse_and_keep_error


def test_kept_traceback_pins_a_frame():
    parse_and_keep_error("a,")
    assert live_frames(parse) == 1
    submission.last_error = None
    assert_no_live_frames(parse)


def test_unfinished_generator_counts():
    started = numbers(3)
    next(started)
    assert live_frames(numbers) == 1


def test_unwatchable_object():
    freed_by_refcount(lambda: make_list())
`;

test("the browser worker counts live frames and explains an object it cannot watch, as the server does", async () => {
  const result = await checkInBrowser(CODE, CHECKS);
  const outcome = Object.fromEntries(result.tests.map((t) => [t.name.split("::").pop(), t]));
  expect(outcome.test_kept_traceback_pins_a_frame.status).toBe("passed");
  expect(outcome.test_unfinished_generator_counts.status).toBe("passed");
  expect(outcome.test_unwatchable_object.status).toBe("error");
  expect(outcome.test_unwatchable_object.message).toContain(
    "freed_by_refcount() got a 'int' object, which cannot be weakly referenced",
  );
});
