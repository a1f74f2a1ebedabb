"use client";
/** Hints, revealed one at a time; the server records each reveal (it counts in progress). */
import { useState } from "react";
import { InlineCode } from "@/lib/markdown/inline";
import { revealHint } from "./learner-api";

export function HintsPanel({
  exerciseId,
  hintCount,
  initialHints,
}: {
  exerciseId: string;
  hintCount: number;
  initialHints: string[];
}) {
  const [hints, setHints] = useState(initialHints);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (hintCount === 0) return <p className="muted">This exercise has no hints.</p>;

  async function next() {
    setBusy(true);
    setError(null);
    try {
      const answer = await revealHint(exerciseId, hints.length);
      setHints(answer.hints);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="hints">
      <p data-testid="hints-used">
        Hints used: {hints.length} of {hintCount}
      </p>
      {hints.length > 0 && (
        <ol className="hint-list" aria-live="polite">
          {hints.map((hint, i) => (
            <li key={i}>
              <InlineCode text={hint} />
            </li>
          ))}
        </ol>
      )}
      {hints.length < hintCount && (
        <button type="button" className="secondary" onClick={() => void next()} disabled={busy}>
          {hints.length === 0 ? "Show a hint" : "Show the next hint"}
        </button>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
