/**
 * The one results format shared by every Python run: the browser worker, the
 * server verifier and `exercises:check` all produce exactly this shape, and
 * every consumer parses it with these schemas (a result crosses a trust
 * boundary each time: worker → page, sandbox process → server, JSON column →
 * page), so a malformed or forged object is rejected instead of trusted.
 *
 * Versioned like Exercism's test-runner format: bump RESULT_VERSION when a
 * field changes meaning, never silently.
 */
import * as z from "zod";

export const RESULT_VERSION = 1 as const;

/** Outcome of one check (one `test_*` function or TestCase method). */
export const TestStatusSchema = z.enum(["passed", "failed", "error", "timeout", "skipped"]);
export type TestStatus = z.infer<typeof TestStatusSchema>;

export const VisibilitySchema = z.enum(["visible", "hidden"]);
export type Visibility = z.infer<typeof VisibilitySchema>;

export const TestResultSchema = z.object({
  /** e.g. "test_visible.py::test_tree_is_freed" — stable, used to aggregate failures. */
  name: z.string().max(500),
  status: TestStatusSchema,
  /** Teaching message on failure; empty when passed. */
  message: z.string().max(20_000),
  /** Wall time of this check in milliseconds. */
  duration: z.number().nonnegative(),
  visibility: VisibilitySchema,
});
export type TestResult = z.infer<typeof TestResultSchema>;

/**
 * Overall status of a check run:
 * - passed: every check passed;
 * - failed: at least one check failed or errored;
 * - error: the learner's code could not even be loaded (SyntaxError, exception at import);
 * - timeout: the run hit its time limit;
 * - crashed: the interpreter or its process failed (a wasm trap, a harness failure) — not the learner's fault alone.
 */
export const RunStatusSchema = z.enum(["passed", "failed", "error", "timeout", "crashed"]);
export type RunStatus = z.infer<typeof RunStatusSchema>;

const OutputSchema = z.object({
  stdout: z.string(),
  stderr: z.string(),
  /** True when stdout/stderr were cut at the output limit. */
  truncated: z.boolean(),
});

/** Traceback frame pointing into the learner's file (line numbers are the learner's). */
export const TracebackSchema = z.object({
  type: z.string(),
  message: z.string(),
  /** Formatted traceback limited to the learner's own frames. */
  text: z.string(),
  line: z.number().int().nullable(),
});
export type Traceback = z.infer<typeof TracebackSchema>;

export const CheckResultSchema = OutputSchema.extend({
  version: z.literal(RESULT_VERSION),
  kind: z.literal("check"),
  status: RunStatusSchema,
  /** Why the run ended as it did, for statuses other than passed/failed. */
  message: z.string(),
  tests: z.array(TestResultSchema).max(500),
  traceback: TracebackSchema.nullable(),
  duration: z.number().nonnegative(),
});
export type CheckResult = z.infer<typeof CheckResultSchema>;

export const RunResultSchema = OutputSchema.extend({
  version: z.literal(RESULT_VERSION),
  kind: z.literal("run"),
  /** ok: ran to the end; error: raised; timeout / crashed as above. */
  status: z.enum(["ok", "error", "timeout", "crashed"]),
  message: z.string(),
  traceback: TracebackSchema.nullable(),
  duration: z.number().nonnegative(),
  /** Optional memory report for the Memory panel (shape owned by lib/runner). */
  memory: z.unknown().optional(),
});
export type RunResult = z.infer<typeof RunResultSchema>;

/** A check file as shipped to a runner. Hidden ones only ever go to the server. */
export const CheckFileSchema = z.object({
  /** File name, e.g. "test_visible.py"; a valid Python module name + ".py". */
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*\.py$/),
  source: z.string().max(200_000),
  visibility: VisibilitySchema,
});
export type CheckFile = z.infer<typeof CheckFileSchema>;

/**
 * Drop what a learner must not see from a server result: hidden checks' names
 * and messages, and the run's output (hidden checks can print; the learner's
 * own output is what they see when they run in the browser).
 */
export function redactForLearner(result: CheckResult): CheckResult {
  return {
    ...result,
    stdout: "",
    stderr: "",
    truncated: false,
    tests: result.tests.map((t) =>
      t.visibility === "hidden"
        ? { ...t, name: "hidden check", message: t.status === "passed" ? "" : "A hidden check did not pass." }
        : t,
    ),
  };
}

/**
 * A result for a run that ended without the interpreter reporting one (it
 * was stopped, timed out, or its worker/process died). Both hosts use these,
 * so the browser and the server describe such ends the same way.
 */
export function checkResultWithoutReply(status: "timeout" | "crashed", message: string, duration: number): CheckResult {
  return {
    version: RESULT_VERSION,
    kind: "check",
    status,
    message,
    tests: [],
    traceback: null,
    duration,
    stdout: "",
    stderr: "",
    truncated: false,
  };
}

export function runResultWithoutReply(status: "timeout" | "crashed", message: string, duration: number): RunResult {
  return {
    version: RESULT_VERSION,
    kind: "run",
    status,
    message,
    traceback: null,
    duration,
    stdout: "",
    stderr: "",
    truncated: false,
  };
}
