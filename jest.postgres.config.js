// The integration tests that touch the database, run against PostgreSQL:
// `LEAKLESS_TEST_DATABASE=postgresql://user:pass@localhost:5432/postgres npm run test:postgres`
// (each test file gets its own database on that server; see tests/setup/pg-databases.ts).
// The tests without a database (the verifier's sandbox and pool, HTML rendering,
// the browser runs) and the verifier-bound suites whose database part is the one
// verdict store every other suite here exercises (the 75 forgeries, crash and
// hang) already ran in `npm test` and would only repeat here, at minutes each.
// A CommonJS config (jest loads it as such), extending the default one.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const base = require("./jest.config.js");

if (!/^postgres(ql)?:\/\//.test(process.env.LEAKLESS_TEST_DATABASE ?? "")) {
  throw new Error("Set LEAKLESS_TEST_DATABASE=postgresql://… (a server where this user may create databases).");
}

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ["<rootDir>/tests/integration/**/*.test.ts"],
  testPathIgnorePatterns: [
    "/tests/integration/verifier/(pool|sandbox|snapshot|warm-reuse)\\.test\\.ts$",
    "/tests/integration/security/xss-rendering\\.test\\.ts$",
    "/tests/integration/exercises/(check-browser|exercises-check-cli)\\.test\\.ts$",
    "/tests/integration/runner/",
    "/tests/integration/hostile/forgeries\\.test\\.ts$",
    "/tests/integration/verifier/crash-and-hang\\.test\\.ts$",
  ],
};
