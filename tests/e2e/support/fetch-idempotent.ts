/**
 * `fetch` for the suites' HTTP clients: a GET or HEAD whose connection the
 * server closed before any answer (undici's "other side closed", a reset) is
 * sent once more, as browsers do for idempotent requests. Seen once in CI on a
 * suite's very first request to a server busy verifying the course at start;
 * a write is never resent, and a second failure is thrown as it is.
 */
export async function fetchIdempotentOnce(url: URL, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const method = (init.method ?? "GET").toUpperCase();
    if ((method !== "GET" && method !== "HEAD") || !closedBeforeAnswer(error)) throw error;
    return fetch(url, init);
  }
}

function closedBeforeAnswer(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
  return (
    cause?.code === "UND_ERR_SOCKET" || cause?.code === "ECONNRESET" || /other side closed/.test(cause?.message ?? "")
  );
}
