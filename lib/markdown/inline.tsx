/**
 * Inline code spans (`like this`) in short plain texts — hints, check
 * messages — without shipping a Markdown parser to the browser. Everything
 * else stays text: React escapes it.
 */
import { Fragment } from "react";

export function InlineCode({ text }: { text: string }) {
  // Split keeps the captured code spans at odd indexes.
  const parts = text.split(/`([^`\n]+)`/);
  return (
    <>{parts.map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : <Fragment key={i}>{part}</Fragment>))}</>
  );
}
