/**
 * Byte-level download progress for Pyodide's start-up, without touching
 * Pyodide internals: while loading, the worker's `fetch` is wrapped so the
 * responses for the big files are streamed through a counting TransformStream.
 * The wrapped response keeps status and headers (so `instantiateStreaming`
 * still sees `application/wasm`); the bodies are the same bytes.
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
    const counter = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        loadedBytes += chunk.byteLength;
        onProgress({ loadedBytes, totalBytes });
        controller.enqueue(chunk);
      },
    });
    return new Response(response.body.pipeThrough(counter), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };

  scope.fetch = counted;
  return () => {
    if (scope.fetch === counted) scope.fetch = original;
  };
}
