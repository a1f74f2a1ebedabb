// Imported first by route-handlers.test.ts, before Next's modules and
// lib/env.ts load: what `next start` sets up before it runs a handler
// (AsyncLocalStorage on globalThis, for the request scope), and a verifier
// pool of one for the server's own verification queue.
import "next/dist/server/node-environment-baseline";

process.env.VERIFIER_POOL_SIZE = "1";
export {};
