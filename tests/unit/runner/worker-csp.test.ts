import { PYODIDE_INDEX_PATH } from "@/lib/runner/assets";
import { workerContentSecurityPolicy } from "@/lib/runner/worker-csp";

const directives = (policy: string) =>
  Object.fromEntries(
    policy
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  );

test("the worker may connect to and import only the Pyodide files of its own origin, and never eval", () => {
  const policy = directives(workerContentSecurityPolicy("https://leakless.example:8443"));
  const pyodide = `https://leakless.example:8443${PYODIDE_INDEX_PATH}`;
  expect(policy["default-src"]).toEqual(["'none'"]);
  expect(policy["connect-src"]).toEqual([pyodide]);
  expect(policy["script-src"]).toEqual([pyodide, "'wasm-unsafe-eval'"]);
  expect(policy["worker-src"]).toEqual(["'none'"]);
  expect(Object.values(policy).flat()).not.toContain("'unsafe-eval'");
});

test.each(["", "javascript:alert(1)", "http://", "http://a b", "file:///etc"])(
  "a malformed origin (%j) gets a policy that allows nothing",
  (origin) => {
    expect(workerContentSecurityPolicy(origin)).toBe("default-src 'none'");
  },
);

test("a path or query in the origin is dropped, never widened into the policy", () => {
  const policy = workerContentSecurityPolicy("http://127.0.0.1:3000/api/anything?x=1");
  expect(policy).toContain(`connect-src http://127.0.0.1:3000${PYODIDE_INDEX_PATH}`);
  expect(policy).not.toContain("/api/");
});
