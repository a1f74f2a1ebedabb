"use client";
/**
 * A guest's draft (someone trying an exercise before signing up): kept in
 * this browser's localStorage, and moved into their account by the exercise
 * page once they sign in (the account's draft then has it).
 */
import { useCallback, useMemo, useRef, useState } from "react";

const key = (exerciseId: string) => `leakless:guest-draft:${exerciseId}`;

export function readGuestDraft(exerciseId: string): string | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage.getItem(key(exerciseId));
  } catch {
    return null; // storage blocked: the guest simply starts from the starter
  }
}

export function clearGuestDraft(exerciseId: string): void {
  try {
    window.localStorage.removeItem(key(exerciseId));
  } catch {
    // nothing to clear
  }
}

/** The same shape as useDraftAutosave's, for the workspace to use either. */
export function useLocalDraft(exerciseId: string) {
  const [statusText, setStatusText] = useState("Your code is kept in this browser until you sign in.");
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef<string | null>(null);

  const flush = useCallback(async (): Promise<void> => {
    clearTimeout(timer.current);
    if (pending.current === null) return;
    try {
      window.localStorage.setItem(key(exerciseId), pending.current);
      setStatusText("Kept in this browser. Sign in to keep it on your account.");
    } catch {
      setStatusText("This browser does not let the page keep your code: copy it before you leave.");
    }
    pending.current = null;
  }, [exerciseId]);

  const changed = useCallback(
    (code: string) => {
      pending.current = code;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), 300);
    },
    [flush],
  );

  return useMemo(() => ({ changed, flush, statusText }), [changed, flush, statusText]);
}
