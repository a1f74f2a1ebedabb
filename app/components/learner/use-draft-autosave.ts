"use client";
/**
 * Draft autosave: a PUT one second after the learner stops typing, one
 * request in flight at a time (a newer draft supersedes an older one), and a
 * last `keepalive` save when the page is hidden or closed or the component
 * unmounts (a client-side navigation), so leaving loses no typing.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { saveDraft } from "./learner-api";

const DEBOUNCE_MS = 1000;

type DraftState =
  | { kind: "clean" }
  | { kind: "unsaved" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date }
  | { kind: "failed"; message: string };

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: "short" });

export function useDraftAutosave(exerciseId: string, initialCode: string) {
  const [state, setState] = useState<DraftState>({ kind: "clean" });
  const pending = useRef<string | null>(null);
  const lastSaved = useRef(initialCode);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef<Promise<void> | null>(null);

  const save = useCallback(async (): Promise<void> => {
    clearTimeout(timer.current);
    // Wait for the request in flight: saves must reach the server in order.
    while (inFlight.current) await inFlight.current;
    const code = pending.current;
    if (code === null) return;
    pending.current = null;
    if (code === lastSaved.current) {
      setState((s) => (s.kind === "unsaved" ? { kind: "clean" } : s));
      return;
    }
    setState({ kind: "saving" });
    const request = saveDraft(exerciseId, code)
      .then(({ savedAt }) => {
        lastSaved.current = code;
        setState(pending.current === null ? { kind: "saved", at: new Date(savedAt) } : { kind: "unsaved" });
      })
      .catch((e: unknown) => {
        // Keep the code pending so the next change or flush retries it.
        pending.current ??= code;
        setState({ kind: "failed", message: e instanceof Error ? e.message : String(e) });
      })
      .finally(() => {
        inFlight.current = null;
      });
    inFlight.current = request;
    await request;
  }, [exerciseId]);

  const changed = useCallback(
    (code: string) => {
      pending.current = code;
      setState({ kind: "unsaved" });
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), DEBOUNCE_MS);
    },
    [save],
  );

  useEffect(() => {
    // The page is going away: send what is pending with keepalive (survives the unload).
    const flushOnHide = () => {
      const code = pending.current;
      if (code === null || code === lastSaved.current) return;
      clearTimeout(timer.current);
      pending.current = null;
      lastSaved.current = code;
      void fetch(`/api/exercises/${encodeURIComponent(exerciseId)}/draft`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ code }),
        keepalive: true,
      }).catch(() => {});
    };
    const onVisibility = () => {
      if (document.visibilityState === "hidden") flushOnHide();
    };
    window.addEventListener("pagehide", flushOnHide);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.removeEventListener("pagehide", flushOnHide);
      document.removeEventListener("visibilitychange", onVisibility);
      // Leaving by a client-side link fires no pagehide: save what is pending now.
      flushOnHide();
    };
  }, [exerciseId]);

  const statusText = describe(state);
  return useMemo(() => ({ changed, flush: save, statusText }), [changed, save, statusText]);
}

function describe(state: DraftState): string {
  switch (state.kind) {
    case "clean":
      return "Your code is saved as a draft as you type.";
    case "unsaved":
      return "Unsaved changes…";
    case "saving":
      return "Saving draft…";
    case "saved":
      return `Draft saved at ${timeFormat.format(state.at)}.`;
    case "failed":
      return `Draft not saved: ${state.message}`;
  }
}
