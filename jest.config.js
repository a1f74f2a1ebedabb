// Unit and integration tests run in Node with real parts: real Pyodide, a real
// SQLite file per worker (see tests/setup/db.ts). ts-jest compiles TypeScript
// to CommonJS here; Next compiles the same files as ESM for the app.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["<rootDir>/tests/{unit,integration}/**/*.test.ts"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.jest.json", diagnostics: false }],
  },
  moduleNameMapper: { "^@/(.*)$": "<rootDir>/$1", "^server-only$": "<rootDir>/tests/setup/server-only.ts" },
  setupFiles: ["<rootDir>/tests/setup/worker-db.ts"],
  globalSetup: "<rootDir>/tests/setup/global-setup.ts",
  globalTeardown: "<rootDir>/tests/setup/global-teardown.ts",
  testTimeout: 60000,
  // Every test file gets a fresh worker process: Pyodide, worker threads and
  // wasm heaps from one file must not share a process with the next (run in
  // one process they could starve a later file's time-limit watchdog).
  // One worker at a time, as the machine has 2 cores and the verifier tests
  // start sandboxed processes of their own.
  maxWorkers: 1,
  workerIdleMemoryLimit: "1MB",
};
