"use client";
import Link from "next/link";
import type { RefObject } from "react";

export type SnippetOption = { id: string; title: string; body: string };

/**
 * One button per saved snippet: pressing it (click, Enter or Space) inserts
 * the snippet's text into the comment at the caret, or replaces the selected
 * text, and puts the focus back into the comment to go on writing.
 */
export function SnippetPicker({
  snippets,
  target,
}: {
  snippets: SnippetOption[];
  target: RefObject<HTMLTextAreaElement | null>;
}) {
  function insert(body: string) {
    const textarea = target.current;
    if (!textarea) return;
    const start = textarea.selectionStart ?? textarea.value.length;
    const end = textarea.selectionEnd ?? start;
    const before = textarea.value.slice(0, start);
    // Start on a line of its own when the caret is mid-text: snippets are paragraphs.
    const text = (before.length > 0 && !before.endsWith("\n") ? "\n\n" : "") + body;
    textarea.setRangeText(text, start, end, "end");
    textarea.focus();
  }

  return (
    <div className="snippet-picker" role="group" aria-labelledby="snippet-picker-label">
      <span id="snippet-picker-label" className="small">
        Insert a snippet:
      </span>
      {snippets.length === 0 ? (
        <span className="small"> none saved yet.</span>
      ) : (
        <ul className="snippet-buttons">
          {snippets.map((s) => (
            <li key={s.id}>
              <button
                type="button"
                onClick={() => insert(s.body)}
                title={s.body.slice(0, 200)}
                data-testid="insert-snippet"
              >
                {s.title}
              </button>
            </li>
          ))}
        </ul>
      )}{" "}
      <Link href="/instructor/review/snippets" className="small">
        Manage snippets
      </Link>
    </div>
  );
}
