"use client";
/**
 * A link to an exercise page. From a cross-origin isolated document (the
 * course map, lessons, exercises: next.config.ts) it navigates client-side,
 * so the tab's Python runner carries over loaded (shared-runner.ts). From any
 * other document it makes a full load: only a new document picks up the
 * exercise route's COOP/COEP headers, without which Stop cannot interrupt
 * Python without restarting it.
 */
import Link from "next/link";
import type { ComponentProps } from "react";
import { exerciseHref } from "./exercise-href";

type Props = Omit<ComponentProps<typeof Link>, "href"> & { exerciseId: string };

export function ExerciseLink({ exerciseId, onClick, ...rest }: Props) {
  const href = exerciseHref(exerciseId);
  return (
    <Link
      {...rest}
      href={href}
      // Exercise pages are rendered per request; prefetching a whole list of them would load the server for nothing.
      prefetch={false}
      onClick={(event) => {
        onClick?.(event);
        if (event.defaultPrevented || globalThis.crossOriginIsolated) return;
        // A new tab or window is a new document anyway: leave those clicks to the browser.
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        window.location.assign(href);
      }}
    />
  );
}
