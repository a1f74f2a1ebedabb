import type { SubmissionDTO } from "@/lib/submissions/submission-dto";

export const VERDICT_LABEL: Record<NonNullable<SubmissionDTO["verdict"]>, string> = {
  PASSED: "Passed",
  FAILED: "Failed",
  ERROR: "Error",
  TIMEOUT: "Timed out",
  CRASHED: "Crashed",
};

/** One line for a submission in any state. */
export function submissionStatusText(s: SubmissionDTO): string {
  switch (s.state) {
    case "QUEUED":
      return "Waiting for the server";
    case "RUNNING":
      return "Verifying on the server…";
    case "ERRORED":
      return "Could not be verified";
    case "DONE":
      return s.verdict ? VERDICT_LABEL[s.verdict] : "Verified";
  }
}

export const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
