/**
 * What a learner receives about one of their own submissions. The stored
 * result holds hidden checks' names and messages; this is the only place a
 * submission row becomes JSON for a learner, and it always redacts.
 */
import { CheckResultSchema, redactForLearner, type CheckResult } from "../grading/result";
import type { Verdict, VerificationState } from "../db/generated/enums";

export type SubmissionDTO = {
  id: string;
  exerciseId: string;
  code: string;
  /** ISO 8601. */
  createdAt: string;
  state: VerificationState;
  /** The server's verdict: the only one that counts. */
  verdict: Verdict | null;
  /** What the browser claimed; shown, never counted. */
  clientVerdict: Verdict | null;
  /** Redacted: hidden checks appear as "hidden check" with a generic message. */
  result: CheckResult | null;
  errorMessage: string | null;
  /** The browser said PASSED and the server did not, or the other way round. */
  verdictDiffers: boolean;
  explanation: string | null;
};

/** The columns the DTO needs (select exactly these: no user ids or durations leak by accident). */
export const SUBMISSION_DTO_SELECT = {
  id: true,
  exerciseId: true,
  code: true,
  createdAt: true,
  state: true,
  verdict: true,
  clientVerdict: true,
  result: true,
  errorMessage: true,
} as const;

export type SubmissionRow = {
  id: string;
  exerciseId: string;
  code: string;
  createdAt: Date;
  state: VerificationState;
  verdict: Verdict | null;
  clientVerdict: Verdict | null;
  result: unknown;
  errorMessage: string | null;
};

export function toSubmissionDTO(row: SubmissionRow): SubmissionDTO {
  // The JSON column crossed a trust boundary (it came out of a sandbox); a
  // row that does not parse is shown without a result rather than trusted.
  const parsed = row.state === "DONE" && row.result != null ? CheckResultSchema.safeParse(row.result) : null;
  const full = parsed?.success ? parsed.data : null;
  const verdictDiffers =
    row.state === "DONE" &&
    row.verdict !== null &&
    row.clientVerdict !== null &&
    (row.clientVerdict === "PASSED") !== (row.verdict === "PASSED");
  return {
    id: row.id,
    exerciseId: row.exerciseId,
    code: row.code,
    createdAt: row.createdAt.toISOString(),
    state: row.state,
    verdict: row.state === "DONE" ? row.verdict : null,
    clientVerdict: row.clientVerdict,
    result: full ? redactForLearner(full) : null,
    errorMessage: row.errorMessage,
    verdictDiffers,
    explanation: verdictDiffers ? explainDifference(row.verdict!, full) : null,
  };
}

/**
 * Why the browser and the server disagree, in the learner's words. Computed
 * from the full result (before redaction) but never naming a hidden check.
 */
export function explainDifference(serverVerdict: Verdict, result: CheckResult | null): string {
  if (serverVerdict === "PASSED") {
    return "The server's checks passed even though your browser's run did not. The server's verdict is the one that counts.";
  }
  const failing = result?.tests.filter((t) => t.status !== "passed" && t.status !== "skipped") ?? [];
  switch (serverVerdict) {
    case "TIMEOUT":
      return "Your browser's checks passed, but the server stopped your code at the time limit. Look for loops or work that grows with the input.";
    case "CRASHED":
      return "Your browser's checks passed, but your code crashed the server's interpreter — usually by using too much memory.";
    case "ERROR":
      return "Your browser's checks passed, but your code raised an error when the server loaded it.";
    default:
      if (failing.length > 0 && failing.every((t) => t.visibility === "hidden")) {
        return "Your browser's checks passed, but a hidden check failed on the server. Hidden checks try cases the visible ones do not show.";
      }
      return "Your browser's checks passed, but a check failed on the server. Results can differ when code depends on timing, randomness or state left over from an earlier run.";
  }
}
