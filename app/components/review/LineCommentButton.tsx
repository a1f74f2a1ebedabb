"use client";

/** The event a line number sends to the feedback form on the same page. */
export const COMMENT_LINE_EVENT = "leakless:comment-line";

/** A line number in the reviewed code: clicking it starts a comment on that line. */
export function LineCommentButton({ line }: { line: number }) {
  return (
    <button
      type="button"
      className="line-number-button"
      aria-label={`Comment on line ${line}`}
      onClick={() => window.dispatchEvent(new CustomEvent(COMMENT_LINE_EVENT, { detail: line }))}
    >
      {line}
    </button>
  );
}
