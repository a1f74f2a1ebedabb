/**
 * Byte-level download progress for Pyodide's start-up, without touching
 * Pyodide internals: while loading, the worker's `fetch` is wrapped so the
 * bytes of the standard library are counted as they arrive (from a `clone()`,
 * so Pyodide reads the browser's own Response), and the worker adds the
 * snapshot it downloads itself through `expect`.
 *
 * The 9.6 MB `pyodide.asm.wasm` is deliberately NOT counted: Chromium reuses
 * compiled code from its cache on a repeat visit only when
 * `instantiateStreaming` gets the very Response the network or HTTP cache
 * produced. Measured here (headless Chromium, 5 visits per profile, load ~6):
 * compileStreaming of the untouched response took 1.1 s on the first visit
 * and 0.40-0.48 s on repeat visits; wrapped in `new Response(stream)` (how it
 * was counted before) or teed with `clone()`, 0.7-1.35 s on every visit. Its
 * download overlaps the counted ones and the compile that follows is the
 * "instantiate" stage.
 *
 * Totals come from the build (file sizes on disk), because Content-Length is
 * missing or counts compressed bytes when the server compresses.
 */

export interface DownloadProgress {
  loadedBytes: number;
  totalBytes: number;
}

export interface DownloadCounter {
  /** Put the original `fetch` back. */
  restore(): void;
  /**
   * Expect `expectedBytes` more from a download the worker makes itself (the
   * first-visit snapshot); the returned function counts them as they arrive.
   */
  expect(expectedBytes: number): (bytes: number) => void;
}

/**
 * Replace `scope.fetch` with a counting wrapper for URLs ending in one of
 * `expectedBytes`'s names.
 */
export function countDownloads(
  scope: { fetch: typeof fetch },
  expectedBytes: Record<string, number>,
  onProgress: (progress: DownloadProgress) => void,
): DownloadCounter {
  const original = scope.fetch;
  let totalBytes = Object.values(expectedBytes).reduce((sum, n) => sum + n, 0);
  let loadedBytes = 0;
  const add = (bytes: number) => {
    loadedBytes += bytes;
    onProgress({ loadedBytes, totalBytes });
  };

  const counted: typeof fetch = async (input, init) => {
    const response = await original(input, init);
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const name = Object.keys(expectedBytes).find((file) => new URL(url, "http://x/").pathname.endsWith(`/${file}`));
    if (!name || !response.body || !response.ok) return response;
    void count(response.clone().body!);
    return response;
  };

  async function count(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        add(value.byteLength);
      }
    } catch {
      // The download failed: Pyodide sees the same error on its branch and reports it.
    }
  }

  scope.fetch = counted;
  return {
    restore() {
      if (scope.fetch === counted) scope.fetch = original;
    },
    expect(expected) {
      totalBytes += expected;
      return add;
    },
  };
}
