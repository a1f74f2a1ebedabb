/**
 * Feedback snippets on the real database: an instructor creates, lists, edits
 * and deletes their own; another instructor's snippet is a 404 for every
 * command (and is left unchanged); a learner is refused; bad input is a 400.
 */
import { createSnippet } from "@/lib/review/snippets/create-snippet";
import { listSnippets } from "@/lib/review/snippets/list-snippets";
import { updateSnippet } from "@/lib/review/snippets/update-snippet";
import { deleteSnippet } from "@/lib/review/snippets/delete-snippet";
import { SNIPPET_TITLE_MAX } from "@/lib/review/snippets/snippet-schema";
import { testDb } from "../../setup/db";
import { createUser } from "../submissions/support";

const db = testDb();
afterAll(() => db.$disconnect());

test("an instructor creates, lists (own only, by title), edits and deletes snippets", async () => {
  const teacher = await createUser(db, "INSTRUCTOR");
  const other = await createUser(db, "INSTRUCTOR");
  await createSnippet(db, other, { title: "Other's", body: "Not yours." });

  const cache = await createSnippet(db, teacher, { title: "  Cache holds it ", body: "The dict keeps a reference." });
  expect(cache).toMatchObject({ title: "Cache holds it", body: "The dict keeps a reference." });
  await createSnippet(db, teacher, { title: "A cycle", body: "Break the cycle with `weakref`." });
  expect((await listSnippets(db, teacher)).map((s) => s.title)).toEqual(["A cycle", "Cache holds it"]);

  const edited = await updateSnippet(db, teacher, cache.id, { title: "Cache", body: "Use a WeakValueDictionary." });
  expect(edited).toMatchObject({ id: cache.id, title: "Cache", body: "Use a WeakValueDictionary." });
  await deleteSnippet(db, teacher, cache.id);
  expect((await listSnippets(db, teacher)).map((s) => s.title)).toEqual(["A cycle"]);
  expect((await listSnippets(db, other)).map((s) => s.title)).toEqual(["Other's"]);
});

test("another instructor's snippet is a 404 for edit and delete and stays as it was; a learner is refused", async () => {
  const owner = await createUser(db, "INSTRUCTOR");
  const intruder = await createUser(db, "INSTRUCTOR");
  const admin = await createUser(db, "ADMIN");
  const learner = await createUser(db);
  const snippet = await createSnippet(db, owner, { title: "Mine", body: "Original." });

  await expect(updateSnippet(db, intruder, snippet.id, { title: "Hijacked", body: "x" })).rejects.toMatchObject({
    status: 404,
  });
  await expect(deleteSnippet(db, intruder, snippet.id)).rejects.toMatchObject({ status: 404 });
  // Snippets are personal: even an admin does not edit someone else's.
  await expect(deleteSnippet(db, admin, snippet.id)).rejects.toMatchObject({ status: 404 });
  expect(await listSnippets(db, intruder)).toEqual([]);
  expect(await db.feedbackSnippet.findUniqueOrThrow({ where: { id: snippet.id } })).toMatchObject({
    title: "Mine",
    body: "Original.",
    ownerId: owner.id,
  });

  await expect(listSnippets(db, learner)).rejects.toMatchObject({ status: 403 });
  await expect(createSnippet(db, learner, { title: "t", body: "b" })).rejects.toMatchObject({ status: 403 });
  await expect(updateSnippet(db, learner, snippet.id, { title: "t", body: "b" })).rejects.toMatchObject({
    status: 403,
  });
  await expect(deleteSnippet(db, learner, snippet.id)).rejects.toMatchObject({ status: 403 });
});

test("bad input is a 400 naming the field; unknown ids are a 404", async () => {
  const teacher = await createUser(db, "INSTRUCTOR");
  await expect(createSnippet(db, teacher, { title: "   ", body: "b" })).rejects.toMatchObject({
    status: 400,
    details: { title: expect.any(String) },
  });
  await expect(
    createSnippet(db, teacher, { title: "t".repeat(SNIPPET_TITLE_MAX + 1), body: "b" }),
  ).rejects.toMatchObject({ status: 400 });
  await expect(createSnippet(db, teacher, { title: "t" })).rejects.toMatchObject({
    status: 400,
    details: { body: expect.any(String) },
  });
  await expect(createSnippet(db, teacher, null)).rejects.toMatchObject({ status: 400 });
  await expect(updateSnippet(db, teacher, "nope", { title: "t", body: "b" })).rejects.toMatchObject({ status: 404 });
  await expect(deleteSnippet(db, teacher, 42)).rejects.toMatchObject({ status: 404 });
  expect(await listSnippets(db, teacher)).toEqual([]);
});
