// Browser tests: headless Chromium (Debian's, driven by playwright-core)
// against the real production server on a free port with a throwaway
// database. `npm run build` must have run first (CI does).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests/e2e"],
  testMatch: ["<rootDir>/tests/e2e/**/*.e2e.test.ts"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.jest.json", diagnostics: false }],
  },
  moduleNameMapper: { "^@/(.*)$": "<rootDir>/$1", "^server-only$": "<rootDir>/tests/setup/server-only.ts" },
  globalSetup: "<rootDir>/tests/e2e/support/server-setup.ts",
  globalTeardown: "<rootDir>/tests/e2e/support/server-teardown.ts",
  // One server and one browser budget on a 2-core machine: run files in sequence.
  maxWorkers: 1,
  testTimeout: 120000,
};
