/**
 * The client address the sign-in rate limit counts failures against.
 *
 * Next.js does not hand route handlers the socket's peer address, so the only
 * source is X-Forwarded-For — and that header is whatever the client sends
 * unless a proxy we trust wrote it. Each trusted proxy appends the address it
 * received the request from, so with N trusted hops the client is the N-th
 * entry from the right; anything left of it is client-supplied and ignored.
 *
 * Served directly (hops = 0) there is no trustworthy address: every request
 * gets the same key, DIRECT_CLIENT, which the rate limiter does not count per
 * IP (one shared bucket would let 50 typos by anyone lock everybody out). The
 * per-account limit still applies.
 */
export const DIRECT_CLIENT = "direct";
export const UNKNOWN_CLIENT = "unknown";

export function clientIp(headers: Record<string, unknown> | undefined, trustedProxyHops: number): string {
  if (trustedProxyHops <= 0) return DIRECT_CLIENT;
  const header = headers?.["x-forwarded-for"];
  const raw = Array.isArray(header) ? header.join(",") : header;
  if (typeof raw !== "string") return UNKNOWN_CLIENT;
  const entries = raw
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const client = entries[entries.length - trustedProxyHops];
  // Shorter than the proxy chain: the request did not come through every
  // trusted proxy, so nothing in it can be believed.
  return client && client.length <= 64 ? client : UNKNOWN_CLIENT;
}
