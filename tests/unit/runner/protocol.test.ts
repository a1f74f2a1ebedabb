import { RESULT_VERSION, type RunResult } from "@/lib/grading/result";
import { newNonce, parsePageMessage, parseWorkerMessage } from "@/lib/runner/protocol";

const nonce = newNonce();
const options = { timeLimitMs: 1000, outputLimit: 1000, seed: 1, memoryReport: false };
const runResult: RunResult = {
  version: RESULT_VERSION,
  kind: "run",
  status: "ok",
  message: "",
  stdout: "hi\n",
  stderr: "",
  truncated: false,
  traceback: null,
  duration: 3,
};

describe("page → worker messages", () => {
  test("a well-formed run request parses", () => {
    const request = { type: "run", id: 1, nonce, code: "print(1)", options };
    expect(parsePageMessage(request)).toEqual(request);
  });

  test("init carries a shared Int32Array interrupt buffer", () => {
    const interruptBuffer = new Int32Array(new SharedArrayBuffer(8));
    const parsed = parsePageMessage({
      type: "init",
      protocol: 1,
      indexURL: "/pyodide/314.0.7/",
      memoryLimitBytes: 1,
      interruptBuffer,
    });
    expect(parsed).not.toBeNull();
    expect(parsed?.type === "init" && parsed.interruptBuffer).toBe(interruptBuffer);
  });

  test.each([
    ["unknown type", { type: "eval", id: 1, nonce, code: "1" }],
    ["missing nonce", { type: "run", id: 1, code: "1", options }],
    ["nonce of the wrong shape", { type: "run", id: 1, nonce: "guess", code: "1", options }],
    ["negative id", { type: "run", id: -1, nonce, code: "1", options }],
    [
      "check with a path-like file name",
      {
        type: "check",
        id: 1,
        nonce,
        code: "1",
        options,
        checks: [{ name: "../x.py", source: "", visibility: "visible" }],
      },
    ],
    ["not an object", "run"],
    ["null", null],
  ])("drops %s", (_label, message) => {
    expect(parsePageMessage(message)).toBeNull();
  });
});

describe("worker → page messages", () => {
  const reply = { type: "result", kind: "run", id: 7, nonce, result: runResult, heapBytes: 1024, needsRecycle: false };

  test("a well-formed run reply parses", () => {
    expect(parseWorkerMessage(reply)).toEqual(reply);
  });

  test("progress and fatal parse", () => {
    expect(
      parseWorkerMessage({ type: "progress", stage: "download", loadedBytes: 10, totalBytes: 100 }),
    ).not.toBeNull();
    expect(parseWorkerMessage({ type: "fatal", message: "boom" })).not.toBeNull();
  });

  test.each([
    ["a forged reply without nonce (what `from js import postMessage` can send)", { ...reply, nonce: undefined }],
    ["a result that does not match the result format", { ...reply, result: { ...runResult, status: "passed" } }],
    ["a run result labelled as a check reply", { ...reply, kind: "check" }],
    ["an unknown stage", { type: "progress", stage: "thinking" }],
    ["a result with a future format version", { ...reply, result: { ...runResult, version: 2 } }],
    ["a Python-ish proxy string", "[object PyProxy]"],
  ])("drops %s", (_label, message) => {
    expect(parseWorkerMessage(message)).toBeNull();
  });
});

test("nonces are 128 random bits in hex and do not repeat", () => {
  const many = new Set(Array.from({ length: 1000 }, newNonce));
  expect(many.size).toBe(1000);
  for (const n of many) expect(n).toMatch(/^[0-9a-f]{32}$/);
});
