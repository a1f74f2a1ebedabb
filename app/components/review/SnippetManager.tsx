"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/http/action-result";
import type { SnippetOption } from "./SnippetPicker";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

function Message({ state }: { state: ActionState }) {
  if (!state) return null;
  return (
    <p role={state.ok ? "status" : "alert"} className={state.ok ? "ok" : "error"}>
      {state.message}
    </p>
  );
}

/** A new snippet. The form resets after a successful save (React resets uncontrolled form actions). */
export function NewSnippetForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(action, null);
  return (
    <form action={formAction} className="stack card" aria-labelledby="new-snippet-title">
      <h2 id="new-snippet-title">New snippet</h2>
      <label>
        Title
        <input name="title" required maxLength={120} />
      </label>
      <label>
        Text (Markdown)
        <textarea name="body" required rows={4} maxLength={5_000} />
      </label>
      <Message state={state} />
      <button type="submit" disabled={pending}>
        Save snippet
      </button>
    </form>
  );
}

/** One saved snippet: edit in place, or delete. */
export function EditSnippetForm({
  snippet,
  updateAction,
  deleteAction,
}: {
  snippet: SnippetOption;
  updateAction: Action;
  deleteAction: Action;
}) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(updateAction, null);
  const [deleteState, deleteFormAction, deleting] = useActionState<ActionState, FormData>(deleteAction, null);
  const titleId = `snippet-${snippet.id}-title`;
  return (
    <article className="card stack" aria-labelledby={titleId}>
      <h3 id={titleId}>{snippet.title}</h3>
      <form action={formAction} className="stack">
        <input type="hidden" name="id" value={snippet.id} />
        <label>
          Title
          <input name="title" required maxLength={120} defaultValue={snippet.title} />
        </label>
        <label>
          Text (Markdown)
          <textarea name="body" required rows={4} maxLength={5_000} defaultValue={snippet.body} />
        </label>
        <Message state={state} />
        <button type="submit" disabled={pending}>
          Save changes
        </button>
      </form>
      <form action={deleteFormAction}>
        <input type="hidden" name="id" value={snippet.id} />
        <Message state={deleteState} />
        <button type="submit" disabled={deleting} aria-label={`Delete snippet ${snippet.title}`}>
          Delete
        </button>
      </form>
    </article>
  );
}
