import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/db/generated/**",
      "public/pyodide/**",
      "public/runner/**",
      "lib/verifier/dist/**",
      "coverage/**",
      "test-results/**",
      "next-env.d.ts",
    ],
  },
];

export default config;
