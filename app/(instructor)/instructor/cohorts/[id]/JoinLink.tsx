"use client";
import { useState, useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/** The join link as a read-only field with a copy button; the full URL uses the origin the instructor is on. */
export function JoinLink({ code }: { code: string }) {
  const path = `/join/${code}`;
  // The server does not know which origin the instructor reached it by; the browser does.
  const origin = useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => "",
  );
  const link = `${origin}${path}`;
  const [copied, setCopied] = useState<string | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopied("Copied.");
    } catch {
      setCopied("Copying is blocked here: select the link and copy it.");
    }
  }

  return (
    <div className="inline-form">
      <label>
        Join link
        <input readOnly value={link} size={Math.max(link.length, 30)} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <button type="button" onClick={() => void copy()}>
        Copy link
      </button>
      <span role="status">{copied}</span>
    </div>
  );
}
