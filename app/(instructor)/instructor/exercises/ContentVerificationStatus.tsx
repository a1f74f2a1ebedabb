import type { ContentVerification } from "@/lib/exercises/verify-content";

/** One line for a table cell: what the server verifier found for the exercise's current content. */
export function contentVerificationSummary(verification: ContentVerification, archived: boolean): string {
  if (verification.state === "pending") return archived ? "not verified (archived)" : "not verified yet";
  const errors = verification.problems.filter((p) => p.severity === "error").length;
  const warnings = verification.problems.length - errors;
  if (verification.problems.length === 0) return "solution passes, starter fails";
  return [errors > 0 && `${errors} error(s)`, warnings > 0 && `${warnings} warning(s)`].filter(Boolean).join(", ");
}

/** The verifier's problems with their file paths, or why there are none to show. */
export function ContentVerificationProblems({
  verification,
  archived,
}: {
  verification: ContentVerification;
  archived: boolean;
}) {
  if (verification.state === "pending") {
    return (
      <p>
        {archived
          ? "Not verified: archived exercises are not run."
          : "Not verified yet: the server runs the reference solution and the starter in the background after each content change. Reload later."}
      </p>
    );
  }
  if (verification.problems.length === 0) {
    return <p className="ok">The reference solution passes every check and the starter fails a visible one.</p>;
  }
  return (
    <ul className="problems" data-testid="verification-problems">
      {verification.problems.map((p, i) => (
        <li key={i}>
          <strong>{p.severity}</strong> <code>{p.path}</code>: {p.message}
        </li>
      ))}
    </ul>
  );
}
