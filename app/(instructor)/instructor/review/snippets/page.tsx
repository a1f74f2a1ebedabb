import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { requirePageUser } from "@/lib/auth/page-guard";
import { listSnippets } from "@/lib/review/snippets/list-snippets";
import { EditSnippetForm, NewSnippetForm } from "@/app/components/review/SnippetManager";
import { createSnippetAction, deleteSnippetAction, updateSnippetAction } from "./actions";

export const metadata: Metadata = { title: "Feedback snippets" };
export const dynamic = "force-dynamic";

export default async function SnippetsPage() {
  const actor = await requirePageUser("/instructor/review/snippets", "submission:review");
  const snippets = await listSnippets(db, actor);
  return (
    <>
      <h1>Feedback snippets</h1>
      <p>
        Texts you write often — a common mistake and how to fix it. They are yours only; insert one into a comment with
        one click on a submission&apos;s review page.
      </p>
      <NewSnippetForm action={createSnippetAction} />
      <section aria-labelledby="saved-snippets">
        <h2 id="saved-snippets">Saved ({snippets.length})</h2>
        {snippets.length === 0 ? (
          <p>None yet.</p>
        ) : (
          snippets.map((s) => (
            <EditSnippetForm
              key={`${s.id}:${s.title}:${s.body}`}
              snippet={{ id: s.id, title: s.title, body: s.body }}
              updateAction={updateSnippetAction}
              deleteAction={deleteSnippetAction}
            />
          ))
        )}
      </section>
    </>
  );
}
