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
      "lib/db/generated-pg/**",
      "public/pyodide/**",
      "public/runner/**",
      "lib/verifier/dist/**",
      "coverage/**",
      "test-results/**",
      "next-env.d.ts",
    ],
  },
  {
    // A promise nobody awaits loses its error: every one is awaited, returned, or marked `void`.
    files: ["app/**/*.{ts,tsx}", "lib/**/*.ts", "scripts/**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { "@typescript-eslint/no-floating-promises": "error", "@typescript-eslint/no-misused-promises": "error" },
  },
];

export default config;
