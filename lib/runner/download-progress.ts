/**
 * Byte-level download progress for Pyodide's start-up, without touching
 * Pyodide internals: while loading, the worker's `fetch` is wrapped so the
 * bytes of the big files are counted as they arrive.
 *
 * Pyodide gets the browser's own Response, not a copy built around a counting
 * stream: `WebAssembly.instantiateStreaming` lets Chromium reuse compiled code
 * from its cache on a repeat visit only for a response that came from the
 * network or the HTTP cache with its URL (a `new Response(stream)` has none,
 * so the 9.6 MB module was compiled again on every visit). The counting reads
 * a `clone()`, whose body is a tee of the same bytes.
 *
 * Totals come from the build (file sizes on disk), because Content-Length is
 * missing or counts compressed bytes when the server compresses.
 */

export interface DownloadProgress {
  loadedBytes: number;
  totalBytes: number;
}

/**
 * Replace `scope.fetch` with a counting wrapper for URLs ending in one of
 * `expectedBytes`'s names; returns the function that restores the original.
 */
export function countDownloads(
  scope: { fetch: typeof fetch },
  expectedBytes: Record<string, number>,
  onProgress: (progress: DownloadProgress) => void,
): () => void {
  const original = scope.fetch;
  const totalBytes = Object.values(expectedBytes).reduce((sum, n) => sum + n, 0);
  let loadedBytes = 0;

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
        loadedBytes += value.byteLength;
        onProgress({ loadedBytes, totalBytes });
      }
    } catch {
      // The download failed: Pyodide sees the same error on its branch and reports it.
    }
  }

  scope.fetch = counted;
  return () => {
    if (scope.fetch === counted) scope.fetch = original;
  };
}
