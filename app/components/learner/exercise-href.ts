/**
 * Exercise pages are linked with a plain <a>, not next/link: only a full
 * document load picks up the exercise route's COOP/COEP headers (next.config.ts),
 * which make the page cross-origin isolated so Stop can interrupt Python
 * without restarting it. A client-side navigation would keep the old document.
 */
export const exerciseHref = (id: string) => `/exercises/${encodeURIComponent(id)}`;
