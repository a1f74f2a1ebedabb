/**
 * Download progress (download-progress.ts): the standard library is counted
 * as it arrives, the wasm response reaches Pyodide untouched (the very
 * object fetch produced, so Chromium's compiled-code cache applies), and a
 * download the worker makes itself is counted through `expect`.
 */
import { countDownloads, type DownloadProgress } from "@/lib/runner/download-progress";

test("counts the stdlib and a counted-through download; hands the wasm response over untouched", async () => {
  const responses = new Map<string, Response>();
  const scope = {
    fetch: (async (input: RequestInfo | URL) => {
      const response = new Response(new Uint8Array(input.toString().endsWith(".zip") ? 1000 : 5000));
      responses.set(input.toString(), response);
      return response;
    }) as typeof fetch,
  };
  const original = scope.fetch;
  const seen: DownloadProgress[] = [];
  const downloads = countDownloads(scope, { "python_stdlib.zip": 1000 }, (p) => seen.push(p));

  const wasm = await scope.fetch("/pyodide/314.0.7/pyodide.asm.wasm");
  expect(wasm).toBe(responses.get("/pyodide/314.0.7/pyodide.asm.wasm"));
  expect(wasm.bodyUsed).toBe(false);

  const zip = await scope.fetch("/pyodide/314.0.7/python_stdlib.zip");
  expect((await zip.arrayBuffer()).byteLength).toBe(1000); // Pyodide's branch gets every byte
  const countSnapshot = downloads.expect(300);
  countSnapshot(100);
  countSnapshot(200);
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(seen.at(-1)).toEqual({ loadedBytes: 1300, totalBytes: 1300 });
  expect(seen.some((p) => p.loadedBytes > 5000)).toBe(false); // the wasm's 5000 bytes are not counted

  downloads.restore();
  expect(scope.fetch).toBe(original);
});
