import type { ProgressState } from "@/lib/db/generated/enums";

export const PROGRESS_LABEL: Record<ProgressState, string> = {
  NOT_STARTED: "Not started",
  ATTEMPTED: "Attempted",
  PASSED: "Passed",
  REVIEWED: "Reviewed",
};

/** A text mark as well as a colour, so state never rests on colour alone. */
export const PROGRESS_MARK: Record<ProgressState, string> = {
  NOT_STARTED: "○",
  ATTEMPTED: "◐",
  PASSED: "●",
  REVIEWED: "★",
};
