"use client";
/**
 * Starts the tab's Python runner while the learner reads the course map or a
 * lesson, so the exercise they open next by a link finds it loaded
 * (lib/runner/shared-runner.ts). Only in a cross-origin isolated document:
 * from any other, exercise links make a full load (ExerciseLink) and a
 * runner started here would die with the document.
 */
import { useEffect } from "react";
import { sharedRunner } from "@/lib/runner/shared-runner";

export function StartPython() {
  useEffect(() => {
    if (globalThis.crossOriginIsolated) sharedRunner();
  }, []);
  return null;
}
