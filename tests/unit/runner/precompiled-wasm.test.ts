/**
 * The wasm compiled while the snapshot is read (precompiled-wasm.ts), with a
 * real (tiny) WebAssembly module and a recording fetch: requested once, at
 * once; a placeholder given to `instantiateStreaming` during the boot gets an
 * instance of the compiled module, with the boot's own imports; anything else
 * goes to the real `instantiateStreaming`; a failed early compile is retried
 * with a fresh request; the global is put back however the boot ends. The
 * real boot (Pyodide in Chromium) runs in every browser test.
 */
import { compileEarly } from "@/lib/runner/precompiled-wasm";

const URL_ = "https://app.example/pyodide/314.0.7/pyodide.asm.wasm";

/** (module (import "env" "get" (func (result i32))) (func (export "answer") (result i32) call 0 i32.const 1 i32.add)) */
const ANSWER_WASM = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f, 0x02, 0x0b, 0x01, 0x03,
  0x65, 0x6e, 0x76, 0x03, 0x67, 0x65, 0x74, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x07, 0x0a, 0x01, 0x06, 0x61, 0x6e,
  0x73, 0x77, 0x65, 0x72, 0x00, 0x01, 0x0a, 0x09, 0x01, 0x07, 0x00, 0x10, 0x00, 0x41, 0x01, 0x6a, 0x0b,
]);

const wasmResponse = () => new Response(ANSWER_WASM, { headers: { "Content-Type": "application/wasm" } });

function recordingFetch(fail = 0) {
  const calls: string[] = [];
  const fetchFn = async (url: string) => {
    calls.push(url);
    if (calls.length <= fail) throw new TypeError("network error");
    return wasmResponse();
  };
  return { fetchFn, calls };
}

const answer = (result: WebAssembly.WebAssemblyInstantiatedSource) =>
  (result.instance.exports.answer as () => number)();

test("the module is requested at once; a placeholder instantiates it during the boot, with the boot's imports", async () => {
  const { fetchFn, calls } = recordingFetch();
  const early = compileEarly(URL_, fetchFn);
  expect(calls).toEqual([URL_]);
  expect(early.url).toBe(URL_);

  const original = WebAssembly.instantiateStreaming;
  const result = await early.during(async () => {
    expect(WebAssembly.instantiateStreaming).not.toBe(original);
    return WebAssembly.instantiateStreaming(Promise.resolve(early.placeholder()), { env: { get: () => 41 } });
  });
  expect(answer(result)).toBe(42);
  expect(result.module).toBeInstanceOf(WebAssembly.Module);
  // Instantiated again (a boot retried from another snapshot source): still no second request.
  const again = await early.during(() =>
    WebAssembly.instantiateStreaming(early.placeholder(), { env: { get: () => 1 } }),
  );
  expect(answer(again)).toBe(2);
  expect(calls).toEqual([URL_]);
  expect(WebAssembly.instantiateStreaming).toBe(original);
});

test("a response that is not a placeholder goes to the real instantiateStreaming", async () => {
  const { fetchFn } = recordingFetch();
  const early = compileEarly(URL_, fetchFn);
  const other = wasmResponse();
  const result = await early.during(() => WebAssembly.instantiateStreaming(other, { env: { get: () => 9 } }));
  expect(answer(result)).toBe(10);
  expect(other.bodyUsed).toBe(true); // it was read: compiled from its own bytes
});

test("a failed early request is made once more when the boot needs the module", async () => {
  const { fetchFn, calls } = recordingFetch(1);
  const early = compileEarly(URL_, fetchFn);
  const result = await early.during(() =>
    WebAssembly.instantiateStreaming(early.placeholder(), { env: { get: () => 0 } }),
  );
  expect(answer(result)).toBe(1);
  expect(calls).toEqual([URL_, URL_]);
});

test("the global is put back when the boot fails", async () => {
  const { fetchFn } = recordingFetch();
  const early = compileEarly(URL_, fetchFn);
  const original = WebAssembly.instantiateStreaming;
  await expect(
    early.during(async () => {
      throw new Error("the snapshot would not restore");
    }),
  ).rejects.toThrow("the snapshot would not restore");
  expect(WebAssembly.instantiateStreaming).toBe(original);
});
