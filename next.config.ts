import type { NextConfig } from "next";
import pyodidePackage from "pyodide/package.json";
import { PYODIDE_PRECOMPRESSED } from "./lib/runner/assets";

const PYODIDE_VERSION = pyodidePackage.version;
const CONTENT_TYPES: Record<(typeof PYODIDE_PRECOMPRESSED)[number], string> = {
  "pyodide.asm.wasm": "application/wasm",
  "pyodide.asm.mjs": "text/javascript; charset=utf-8",
};

const nextConfig: NextConfig = {
  // Native and process-spawning modules stay out of the server bundle.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg", "@prisma/adapter-pg", "pyodide"],
  // forbidden() renders app/forbidden.tsx with a 403.
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  // Types are checked once by `npm run typecheck` (CI runs it); checking again
  // inside every build would double the first `npm start` on a 2-core machine.
  typescript: { ignoreBuildErrors: true },
  // The gzipped copies the build made (lib/runner/assets.ts), answered for the
  // files themselves: before the public folder is looked at.
  async rewrites() {
    return {
      beforeFiles: PYODIDE_PRECOMPRESSED.map((file) => ({
        source: `/pyodide/${PYODIDE_VERSION}/${file}`,
        destination: `/pyodide/${PYODIDE_VERSION}/${file}.gz`,
      })),
      afterFiles: [],
      fallback: [],
    };
  },
  async headers() {
    return [
      ...PYODIDE_PRECOMPRESSED.map((file) => ({
        source: `/pyodide/${PYODIDE_VERSION}/${file}`,
        headers: [
          { key: "Content-Encoding", value: "gzip" },
          { key: "Content-Type", value: CONTENT_TYPES[file] },
        ],
      })),
      {
        // Pyodide lives under a versioned path: a new version is a new URL, so
        // the files can be cached forever.
        source: `/pyodide/${PYODIDE_VERSION}/:file*`,
        headers: [
          { key: "Cache-Control", value: "public, max-age=31536000, immutable" },
          { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
        ],
      },
      {
        // The first-visit snapshot is stored gzipped and sent as is, labelled so
        // that the browser inflates it as it streams in, off the worker's thread
        // (lib/runner/snapshot-cache.ts). Served directly under its .gz name, so
        // no rule can label it twice.
        source: `/pyodide/${PYODIDE_VERSION}/:name.snapshot.gz`,
        headers: [
          { key: "Content-Encoding", value: "gzip" },
          { key: "Content-Type", value: "application/octet-stream" },
        ],
      },
      {
        source: "/runner/:file*",
        headers: [{ key: "Cross-Origin-Resource-Policy", value: "same-origin" }],
      },
      {
        // Cross-origin isolation for the exercise pages (and the worker they
        // start): SharedArrayBuffer exists, so Stop and time limits interrupt
        // Python through the shared buffer and keep the warm interpreter.
        // Everything these pages load is same-origin. ExerciseLink navigates
        // client-side only from an isolated document, else makes a full load.
        source: "/exercises/:path*",
        headers: [
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          { key: "Cross-Origin-Embedder-Policy", value: "require-corp" },
        ],
      },
      {
        // The course map and lessons start the runner an exercise opened from them takes over
        // (lib/runner/shared-runner.ts), and lessons run their examples in it.
        source: "/learn/:path*",
        headers: [
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          { key: "Cross-Origin-Embedder-Policy", value: "require-corp" },
        ],
      },
      {
        source: "/runner/:file*",
        headers: [{ key: "Cross-Origin-Embedder-Policy", value: "require-corp" }],
      },
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
