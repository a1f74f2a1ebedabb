/**
 * Authorization matrix for server actions: every exported `"use server"`
 * function × {anonymous, learner of cohort A, learner of cohort B, instructor
 * of cohort B, instructor of cohort A, admin}. Each cell runs the real action
 * in Next's request scope with that actor's real session cookie and the real
 * database, then asserts the effect happened (allowed) or did not (refused).
 * Objects always belong to cohort A's learner.
 *
 * Two more guards keep the table honest:
 * - completeness: every exported action in the app has a row here;
 * - order: a static read of each `"use server"` file shows that an action's
 *   first await is requireUser()/requirePermission(), before any data access
 *   (a page's check does not cover the actions it renders).
 */
import "../submissions/next-server-env";
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { resetPasswordAction, setRoleAction } from "@/app/admin/users/actions";
import {
  createCohortAction,
  setDeadlinesAction,
  updateCohortSettingsAction,
} from "@/app/(instructor)/instructor/cohorts/actions";
import { giveFeedbackAction, overrideGradeAction } from "@/app/(instructor)/instructor/review/submissions/[id]/actions";
import { joinCohortAction } from "@/app/join/[code]/actions";
import {
  createSnippetAction,
  deleteSnippetAction,
  updateSnippetAction,
} from "@/app/(instructor)/instructor/review/snippets/actions";
import { startRegradeAction } from "@/app/(instructor)/instructor/regrade/actions";
import type { SessionUser } from "@/lib/auth/session";
import { testDb } from "../../setup/db";
import { sessionCookieFor } from "../submissions/next-request-scope";
import { createExercise, createUser } from "../submissions/support";
import { asActor, form, redirectTarget } from "./as-actor";

const db = testDb();
afterAll(() => db.$disconnect());

const ROOT = path.resolve(__dirname, "../../..");

const ACTORS = ["anonymous", "learnerA", "learnerB", "instructorB", "instructorA", "admin"] as const;
type Actor = (typeof ACTORS)[number];

interface World {
  users: Record<Exclude<Actor, "anonymous">, SessionUser>;
  cookies: Record<Actor, string | null>;
  cohortA: { id: string; joinCode: string };
  cohortB: { id: string; joinCode: string };
  /** A cohort nobody in the matrix belongs to, for join cells. */
  cohortC: { id: string; joinCode: string };
  exerciseId: string;
  /** Learner A's submission: the object every review cell acts on. */
  submissionId: string;
  /** A user whose role the promote cells try to change (not an actor, so no actor's rights move). */
  promotee: SessionUser;
}

let w: World;

beforeAll(async () => {
  const users = {
    learnerA: await createUser(db, "LEARNER"),
    learnerB: await createUser(db, "LEARNER"),
    instructorA: await createUser(db, "INSTRUCTOR"),
    instructorB: await createUser(db, "INSTRUCTOR"),
    admin: await createUser(db, "ADMIN"),
  };
  const cohort = (ownerId: string, joinCode: string) =>
    db.cohort.create({ data: { name: `Cohort ${joinCode}`, ownerId, joinCode }, select: { id: true, joinCode: true } });
  const cohortA = await cohort(users.instructorA.id, "AAAAAAAAAA");
  const cohortB = await cohort(users.instructorB.id, "BBBBBBBBBB");
  const cohortC = await cohort(users.admin.id, "CCCCCCCCCC");
  await db.cohortMember.create({ data: { cohortId: cohortA.id, userId: users.learnerA.id } });
  await db.cohortMember.create({ data: { cohortId: cohortB.id, userId: users.learnerB.id } });
  const exerciseId = await createExercise(db);
  const submission = await db.submission.create({
    data: { userId: users.learnerA.id, exerciseId, code: "x = 1", exerciseHash: "h", state: "DONE", verdict: "FAILED" },
  });
  const cookies = { anonymous: null } as Record<Actor, string | null>;
  for (const [k, u] of Object.entries(users)) cookies[k as Actor] = await sessionCookieFor(u.id);
  w = {
    users,
    cookies,
    cohortA,
    cohortB,
    cohortC,
    exerciseId,
    submissionId: submission.id,
    promotee: await createUser(db),
  };
});

/** Run an action as an actor; a redirect (how create/join end) counts as a normal return. */
async function run<S>(
  actor: Actor,
  page: string,
  action: (prev: S | null, f: FormData) => Promise<unknown>,
  fields: Record<string, string | string[]>,
): Promise<unknown> {
  try {
    return await asActor(w.cookies[actor], page, () => action(null, form(fields)));
  } catch (e) {
    const to = redirectTarget(e);
    if (to === null) throw e;
    return { redirectedTo: to };
  }
}

interface ActionRow {
  /** "file#export": the completeness check matches these against the app's "use server" exports. */
  id: string;
  allowed: readonly Actor[];
  /** Run the action once as `actor`; return an observation that differs after an allowed run. */
  cell: (actor: Actor) => Promise<{ result: unknown; effect: boolean }>;
}

const ACTIONS: ActionRow[] = [
  {
    id: "app/admin/users/actions.ts#setRoleAction",
    allowed: ["admin"],
    async cell(actor) {
      await db.user.update({ where: { id: w.promotee.id }, data: { role: "LEARNER" } });
      const result = await run(actor, "/admin/users", setRoleAction, { userId: w.promotee.id, role: "INSTRUCTOR" });
      const after = await db.user.findUniqueOrThrow({ where: { id: w.promotee.id } });
      return { result, effect: after.role === "INSTRUCTOR" };
    },
  },
  {
    id: "app/admin/users/actions.ts#resetPasswordAction",
    allowed: ["admin"],
    async cell(actor) {
      const before = await db.user.findUniqueOrThrow({ where: { id: w.promotee.id } });
      const result = await run(actor, "/admin/users", resetPasswordAction, { userId: w.promotee.id });
      const after = await db.user.findUniqueOrThrow({ where: { id: w.promotee.id } });
      return { result, effect: after.passwordHash !== before.passwordHash };
    },
  },
  {
    id: "app/(instructor)/instructor/cohorts/actions.ts#createCohortAction",
    allowed: ["instructorB", "instructorA", "admin"],
    async cell(actor) {
      const name = `Made by ${actor}`;
      const result = await run(actor, "/instructor/cohorts", createCohortAction, { name });
      return { result, effect: (await db.cohort.count({ where: { name } })) > 0 };
    },
  },
  {
    id: "app/(instructor)/instructor/cohorts/actions.ts#setDeadlinesAction",
    allowed: ["instructorA", "admin"],
    async cell(actor) {
      await db.sectionDeadline.deleteMany({ where: { cohortId: w.cohortA.id } });
      const result = await run(actor, `/instructor/cohorts/${w.cohortA.id}`, setDeadlinesAction, {
        cohortId: w.cohortA.id,
        "due:allocation": "2026-12-10T17:00",
      });
      return { result, effect: (await db.sectionDeadline.count({ where: { cohortId: w.cohortA.id } })) > 0 };
    },
  },
  {
    id: "app/(instructor)/instructor/cohorts/actions.ts#updateCohortSettingsAction",
    allowed: ["instructorA", "admin"],
    async cell(actor) {
      await db.cohort.update({ where: { id: w.cohortA.id }, data: { showSolutionAfterPass: false } });
      const result = await run(actor, `/instructor/cohorts/${w.cohortA.id}`, updateCohortSettingsAction, {
        cohortId: w.cohortA.id,
        showSolutionAfterPass: "on",
      });
      const after = await db.cohort.findUniqueOrThrow({ where: { id: w.cohortA.id } });
      return { result, effect: after.showSolutionAfterPass };
    },
  },
  {
    id: "app/(instructor)/instructor/review/submissions/[id]/actions.ts#giveFeedbackAction",
    allowed: ["instructorA", "admin"],
    async cell(actor) {
      const body = `Feedback from ${actor}`;
      const result = await run(actor, `/instructor/review/submissions/${w.submissionId}`, giveFeedbackAction, {
        submissionId: w.submissionId,
        body,
        status: "NEEDS_REVISION",
        commentLine: "1",
        commentBody: `Line comment from ${actor}`,
      });
      return { result, effect: (await db.feedback.count({ where: { submissionId: w.submissionId, body } })) > 0 };
    },
  },
  {
    id: "app/(instructor)/instructor/review/submissions/[id]/actions.ts#overrideGradeAction",
    allowed: ["instructorA", "admin"],
    async cell(actor) {
      const reason = `Override by ${actor}`;
      const result = await run(actor, `/instructor/review/submissions/${w.submissionId}`, overrideGradeAction, {
        submissionId: w.submissionId,
        verdict: "PASSED",
        reason,
      });
      return {
        result,
        effect: (await db.gradeOverride.count({ where: { submissionId: w.submissionId, reason } })) > 0,
      };
    },
  },
  {
    // Anyone signed in may join with a valid code (that is what the code is for); anonymous may not.
    id: "app/join/[code]/actions.ts#joinCohortAction",
    allowed: ["learnerA", "learnerB", "instructorB", "instructorA", "admin"],
    async cell(actor) {
      await db.cohortMember.deleteMany({ where: { cohortId: w.cohortC.id } });
      const result = await run(actor, `/join/${w.cohortC.joinCode}`, joinCohortAction, { code: w.cohortC.joinCode });
      const userId = actor === "anonymous" ? "" : w.users[actor].id;
      return { result, effect: (await db.cohortMember.count({ where: { cohortId: w.cohortC.id, userId } })) > 0 };
    },
  },
  {
    id: "app/(instructor)/instructor/review/snippets/actions.ts#createSnippetAction",
    allowed: ["instructorB", "instructorA", "admin"],
    async cell(actor) {
      const title = `Snippet by ${actor}`;
      const result = await run(actor, "/instructor/review/snippets", createSnippetAction, { title, body: "Text." });
      return { result, effect: (await db.feedbackSnippet.count({ where: { title } })) > 0 };
    },
  },
  {
    // Snippets are personal: only the owner (instructor A) edits one; even an admin gets "not found".
    id: "app/(instructor)/instructor/review/snippets/actions.ts#updateSnippetAction",
    allowed: ["instructorA"],
    async cell(actor) {
      const snippet = await db.feedbackSnippet.create({
        data: { ownerId: w.users.instructorA.id, title: "Original", body: "Original." },
      });
      const result = await run(actor, "/instructor/review/snippets", updateSnippetAction, {
        id: snippet.id,
        title: `Edited by ${actor}`,
        body: "Edited.",
      });
      const after = await db.feedbackSnippet.findUniqueOrThrow({ where: { id: snippet.id } });
      return { result, effect: after.title === `Edited by ${actor}` };
    },
  },
  {
    id: "app/(instructor)/instructor/review/snippets/actions.ts#deleteSnippetAction",
    allowed: ["instructorA"],
    async cell(actor) {
      const snippet = await db.feedbackSnippet.create({
        data: { ownerId: w.users.instructorA.id, title: "To delete", body: "Text." },
      });
      const result = await run(actor, "/instructor/review/snippets", deleteSnippetAction, { id: snippet.id });
      return { result, effect: (await db.feedbackSnippet.count({ where: { id: snippet.id } })) === 0 };
    },
  },
  {
    // A fresh exercise nobody submitted to: the job is stored (the effect) with nothing to verify,
    // so no sandboxed verifier starts inside this test.
    id: "app/(instructor)/instructor/regrade/actions.ts#startRegradeAction",
    allowed: ["instructorA", "admin"],
    async cell(actor) {
      const exerciseId = await createExercise(db);
      const result = await run(actor, "/instructor/regrade", startRegradeAction, {
        exerciseId,
        cohortId: w.cohortA.id,
      });
      return { result, effect: (await db.regradeJob.count({ where: { exerciseId, cohortId: w.cohortA.id } })) > 0 };
    },
  },
];

const CELLS = ACTIONS.flatMap((row) =>
  ACTORS.map((actor) => [row.id, actor, row.allowed.includes(actor), row] as const),
);

test.each(CELLS)("%s as %s → allowed: %s", async (_id, actor, allowed, row) => {
  const { result, effect } = await row.cell(actor);
  expect({ effect, result: summarize(result) }).toEqual({
    effect: allowed,
    result: allowed ? { refused: false } : { refused: true },
  });
});

/** An action's answer: refused ones say so in words ({ok: false} or a message), allowed ones succeed or redirect. */
function summarize(result: unknown): { refused: boolean } {
  const r = result as { ok?: boolean; message?: string; redirectedTo?: string } | null;
  if (r && "redirectedTo" in r) return { refused: false };
  if (r && r.ok === true) return { refused: false };
  // A refusal must carry a message the form can show, never internals.
  expect(typeof r?.message).toBe("string");
  expect(r?.message).not.toMatch(/prisma|stack|TypeError|undefined/i);
  return { refused: true };
}

test("a cross-cohort refusal does not admit the object exists (instructor B gets 'not found', not 'forbidden')", async () => {
  const { result } = await ACTIONS.find((r) => r.id.endsWith("#giveFeedbackAction"))!.cell("instructorB");
  expect((result as { message: string }).message).toMatch(/not found/i);
});

// ---------------------------------------------------------------------------
// Completeness and order, read from the sources.

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" || e.name.startsWith(".") ? [] : walk(p);
    return /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

function hasUseServerDirective(sf: ts.SourceFile): boolean {
  for (const st of sf.statements) {
    if (!ts.isExpressionStatement(st) || !ts.isStringLiteral(st.expression)) return false;
    if (st.expression.text === "use server") return true;
  }
  return false;
}

function exportedFunctions(sf: ts.SourceFile): { name: string; fn: ts.FunctionLikeDeclaration }[] {
  const out: { name: string; fn: ts.FunctionLikeDeclaration }[] = [];
  const exported = (n: ts.Node) =>
    ts.getModifiers(n as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name && exported(st)) out.push({ name: st.name.text, fn: st });
    if (ts.isVariableStatement(st) && exported(st)) {
      for (const d of st.declarationList.declarations) {
        if (d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))) {
          out.push({ name: (d.name as ts.Identifier).text, fn: d.initializer });
        }
      }
    }
  }
  return out;
}

function serverActionFiles(): { file: string; sf: ts.SourceFile; inline: boolean }[] {
  return [...walk(path.join(ROOT, "app")), ...walk(path.join(ROOT, "lib"))]
    .filter((f) => fs.readFileSync(f, "utf8").includes("use server"))
    .map((f) => {
      const sf = ts.createSourceFile(f, fs.readFileSync(f, "utf8"), ts.ScriptTarget.Latest, true);
      return { file: path.relative(ROOT, f).split(path.sep).join("/"), sf, inline: !hasUseServerDirective(sf) };
    });
}

/** The first `await` in a function body, in source order (nested functions excluded). */
function firstAwait(fn: ts.FunctionLikeDeclaration): ts.AwaitExpression | undefined {
  let found: ts.AwaitExpression | undefined;
  const visit = (n: ts.Node) => {
    if (found) return;
    if (n !== fn && ts.isFunctionLike(n)) return;
    if (ts.isAwaitExpression(n)) {
      found = n;
      return;
    }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(fn, visit);
  return found;
}

function calleeName(e: ts.Expression): string | null {
  if (!ts.isCallExpression(e)) return null;
  return ts.isIdentifier(e.expression) ? e.expression.text : null;
}

/** Identifiers that reach data (the db client or a prisma call) used in `fn` before position `pos`. */
function dataAccessBefore(fn: ts.FunctionLikeDeclaration, pos: number): string[] {
  const hits: string[] = [];
  const visit = (n: ts.Node) => {
    if (n.getStart() >= pos) return;
    if (ts.isIdentifier(n) && (n.text === "db" || n.text === "prisma")) hits.push(n.text);
    ts.forEachChild(n, visit);
  };
  if (fn.body) ts.forEachChild(fn.body, visit);
  return hits;
}

test('server actions live in top-level "use server" files (an inline action in a component escapes this matrix)', () => {
  expect(
    serverActionFiles()
      .filter((f) => f.inline)
      .map((f) => f.file),
  ).toEqual([]);
});

test("every exported server action has a row in the matrix", () => {
  const found = serverActionFiles()
    .filter((f) => !f.inline)
    .flatMap((f) => exportedFunctions(f.sf).map((e) => `${f.file}#${e.name}`))
    .sort();
  const rows = ACTIONS.map((r) => r.id).sort();
  expect({
    missingRows: found.filter((id) => !rows.includes(id)),
    staleRows: rows.filter((id) => !found.includes(id)),
  }).toEqual({
    missingRows: [],
    staleRows: [],
  });
});

test("every server action checks the caller (requireUser/requirePermission) before any other await or data access", () => {
  const problems: string[] = [];
  for (const f of serverActionFiles().filter((x) => !x.inline)) {
    for (const { name, fn } of exportedFunctions(f.sf)) {
      const first = firstAwait(fn);
      const callee = first ? calleeName(first.expression) : null;
      if (callee !== "requireUser" && callee !== "requirePermission") {
        problems.push(
          `${f.file}#${name}: first await is ${callee ?? (first ? first.expression.getText() : "missing")}`,
        );
        continue;
      }
      const early = dataAccessBefore(fn, first!.getStart());
      if (early.length > 0) problems.push(`${f.file}#${name}: touches ${early.join(", ")} before checking the caller`);
    }
  }
  expect(problems).toEqual([]);
});

// ---------------------------------------------------------------------------
// Bad form input: every action, asked by an admin (so every permission check passes and the input
// itself is what is tested), answers garbage with a message — never a throw, never the generic
// "something went wrong" that marks an unexpected error, never a success.

type AnyAction = (prev: null, f: FormData) => Promise<unknown>;
const ACTION_FUNCTIONS: Record<string, AnyAction> = {
  "app/admin/users/actions.ts#setRoleAction": setRoleAction as AnyAction,
  "app/admin/users/actions.ts#resetPasswordAction": resetPasswordAction as AnyAction,
  "app/(instructor)/instructor/cohorts/actions.ts#createCohortAction": createCohortAction as AnyAction,
  "app/(instructor)/instructor/cohorts/actions.ts#updateCohortSettingsAction": updateCohortSettingsAction as AnyAction,
  "app/(instructor)/instructor/cohorts/actions.ts#setDeadlinesAction": setDeadlinesAction as AnyAction,
  "app/(instructor)/instructor/review/submissions/[id]/actions.ts#giveFeedbackAction": giveFeedbackAction as AnyAction,
  "app/(instructor)/instructor/review/submissions/[id]/actions.ts#overrideGradeAction":
    overrideGradeAction as AnyAction,
  "app/join/[code]/actions.ts#joinCohortAction": joinCohortAction as AnyAction,
  "app/(instructor)/instructor/review/snippets/actions.ts#createSnippetAction": createSnippetAction as AnyAction,
  "app/(instructor)/instructor/review/snippets/actions.ts#updateSnippetAction": updateSnippetAction as AnyAction,
  "app/(instructor)/instructor/review/snippets/actions.ts#deleteSnippetAction": deleteSnippetAction as AnyAction,
  "app/(instructor)/instructor/regrade/actions.ts#startRegradeAction": startRegradeAction as AnyAction,
};

const FIELDS = [
  "userId",
  "role",
  "name",
  "code",
  "cohortId",
  "submissionId",
  "exerciseId",
  "id",
  "title",
  "body",
  "status",
  "verdict",
  "reason",
  "commentLine",
  "commentBody",
  "openSections",
  "restrictSections",
  "showSolutionAfterPass",
];
const allFields = (value: string) => Object.fromEntries(FIELDS.map((f) => [f, value]));

/** Forms no action may accept: nothing at all, or every field far over any limit. */
const REFUSED_FORMS: [string, Record<string, string | string[]>][] = [
  ["an empty form", {}],
  ["every field 1 MB long", allFields("x".repeat(1024 * 1024))],
];
/** Odd but well-typed text: a free-text action (a cohort's name, a snippet) may accept it; none may crash. */
const ODD_FORMS: [string, Record<string, string | string[]>][] = [
  ["every field a lone surrogate", allFields("\ud800")],
  ["every field an SQL/JSON-looking string", allFields(`' OR 1=1; -- {"$gt": ""}`)],
  [
    "numbers where ids go, garbage line numbers",
    { ...allFields("-1"), commentLine: ["abc", "1e999", "-3"], commentBody: ["x", "y", "z"] },
  ],
];

test("every action has a function in the bad-input table", () => {
  expect(ACTIONS.map((r) => r.id).filter((id) => !(id in ACTION_FUNCTIONS))).toEqual([]);
});

const BAD_CELLS = Object.entries(ACTION_FUNCTIONS).flatMap(([id, fn]) => [
  ...REFUSED_FORMS.map(([label, fields]) => [id, label, true, fn, fields] as const),
  ...ODD_FORMS.map(([label, fields]) => [id, label, false, fn, fields] as const),
]);

const counts = () =>
  Promise.all([db.cohort.count(), db.feedback.count(), db.gradeOverride.count(), db.regradeJob.count()]);

test.each(BAD_CELLS)("%s with %s → handled (must refuse: %s)", async (_id, _label, mustRefuse, fn, fields) => {
  const before = await counts();
  const result = (await run("admin", "/", fn, fields)) as {
    ok?: boolean;
    message?: string;
    redirectedTo?: string;
  } | null;
  const succeeded = result !== null && ("redirectedTo" in result || result.ok === true);
  // Whatever the answer, it is one the form can show: never the generic message of an unexpected error.
  expect(/went wrong/i.test(result?.message ?? "")).toBe(false);
  if (!succeeded) expect(typeof result?.message).toBe("string");
  if (mustRefuse) {
    expect(succeeded).toBe(false);
    expect(await counts()).toEqual(before);
  }
});
