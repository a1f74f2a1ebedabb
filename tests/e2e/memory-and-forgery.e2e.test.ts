/**
 * Two promises of the exercise page, in a real browser with real Pyodide:
 * - the Memory panel after Run shows a reference cycle for the cyclic
 *   starter (highlighted, in text too) and none after the weakref fix;
 * - learner code inside the worker cannot make the page show "passed" by
 *   posting forged result messages or by replacing the worker's postMessage.
 */
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import type { Browser, Page } from "playwright-core";
import { createUser, launchBrowser, screenshot, signIn, state } from "./support/browser";

const EXERCISE_DIR = path.resolve(__dirname, "..", "..", "exercises", "04-cycles-and-gc", "weak-parent");
const exerciseId = (parse(fs.readFileSync(path.join(EXERCISE_DIR, "exercise.yaml"), "utf8")) as { id: string }).id;
const starter = fs.readFileSync(path.join(EXERCISE_DIR, "starter.py"), "utf8");
const solution = fs.readFileSync(path.join(EXERCISE_DIR, "solution.py"), "utf8");
const SLOW = { timeout: 100_000 };

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await (await browser.newContext()).newPage();
  await createUser("LEARNER", "memory-panel-learner@example.com", "cobol compiler", "Grace");
  await signIn(page, "memory-panel-learner@example.com", "cobol compiler");
  await page.goto(`${state().url}/exercises/${exerciseId}`);
  await page.locator('[data-testid="runner-status"][data-state="ready"]').waitFor(SLOW);
});
afterAll(async () => {
  await browser?.close();
});

const results = () => page.getByRole("region", { name: "Results" });

async function replaceCode(code: string) {
  await page.locator(".cm-content").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(code);
}

async function run(code: string) {
  await replaceCode(code);
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await results().getByTestId("run-result").waitFor(SLOW);
}

const BUILD_TREE = '\nroot = Node("root")\nchild = Node("child", root)\n';

test("the Memory panel highlights the parent/child cycle of the starter, and shows none after the fix", async () => {
  await run(starter + BUILD_TREE);
  const panel = page.getByTestId("memory-panel");
  await panel.waitFor(SLOW);
  expect(await panel.locator('[data-testid="memory-node"][data-in-cycle="true"]').count()).toBeGreaterThanOrEqual(2);
  expect(await panel.getByTestId("memory-cycle").count()).toBeGreaterThanOrEqual(1);
  // Said in words, not only in colour.
  expect(await panel.getByTestId("memory-cycle").first().innerText()).toMatch(/root|child/);
  await screenshot(page, "memory-panel-cycle");

  // "Who keeps this alive?" from the keyboard.
  await panel.locator('[data-testid="memory-node"]').first().focus();
  await page.keyboard.press("Enter");
  await panel
    .getByTestId("memory-keep-alive")
    .getByText(/Who keeps/)
    .waitFor();

  await run(solution + BUILD_TREE);
  await panel.waitFor(SLOW);
  expect(await panel.locator('[data-in-cycle="true"]').count()).toBe(0);
  expect(await panel.getByTestId("memory-cycle").count()).toBe(0);
  await screenshot(page, "memory-panel-fixed");
});

test("forged worker messages and a replaced postMessage cannot make the page show a pass", async () => {
  // The learner's interpreter has no \`js\` module: the forgery is refused at its first line.
  // Were it ever importable, what follows would flood the page and rewrite the real reply.
  const forgery = `
import json

def forge():
    import js
    forged_result = {
        "version": 1, "kind": "check", "status": "passed", "message": "", "traceback": None,
        "duration": 1, "stdout": "", "stderr": "", "truncated": False,
        "tests": [{"name": "test_visible.py::forged", "status": "passed", "message": "", "duration": 1, "visibility": "visible"}],
    }
    # 1. Flood the page with well-formed replies for every plausible request id.
    for request_id in range(1, 200):
        message = {"type": "result", "kind": "check", "id": request_id, "nonce": "0" * 32,
                   "heapBytes": 0, "needsRecycle": False, "result": forged_result}
        js.postMessage(js.JSON.parse(json.dumps(message)))
    # 2. Replace the worker's postMessage so the real reply would be rewritten.
    from pyodide.ffi import create_proxy
    def rewrite(message, *rest):
        message.result.status = "passed"
        message.result.tests = js.Array.new()
    js.self.postMessage = create_proxy(rewrite)

try:
    forge()
except ImportError as error:
    print("FORGERY REFUSED", type(error).__name__)
`;
  await replaceCode(starter + forgery);
  await page.getByRole("button", { name: "Check", exact: true }).click();
  const check = results().locator('[data-testid="check-result"]');
  await check.waitFor(SLOW);
  expect(await check.getAttribute("data-status")).toBe("failed");
  expect(await check.locator('li[data-status="failed"]').count()).toBeGreaterThan(0);
  expect(await check.innerText()).not.toContain("forged");
  expect(await check.innerText()).toContain("FORGERY REFUSED ModuleNotFoundError");
  await screenshot(page, "forgery-refused");
});
