/**
 * CSV exports through their route handlers, with real sessions and the real
 * database: RFC 4180 quoting survives a round trip through an independent
 * parser (commas, quotes, newlines, Unicode), formula-looking names are
 * neutralised, overrides show in the grades, the submissions export pages
 * through more rows than one page and lists each exactly once, and anyone
 * but the cohort's instructor (or an admin) is refused.
 */
import "../submissions/next-server-env";
import { GET as gradesRoute } from "@/app/api/cohorts/[id]/export/grades/route";
import { GET as submissionsRoute } from "@/app/api/cohorts/[id]/export/submissions/route";
import { createCohort } from "@/lib/cohorts/create-cohort";
import { joinCohort } from "@/lib/cohorts/join-cohort";
import { csvCell, csvRecord } from "@/lib/export/csv";
import { SUBMISSIONS_PER_PAGE } from "@/lib/export/export-submissions";
import { overrideGrade } from "@/lib/review/override-grade";
import { recomputeProgress } from "@/lib/progress/recompute-progress";
import type { SessionUser } from "@/lib/auth/session";
import { testDb } from "../../setup/db";
import { sessionCookieFor } from "../submissions/next-request-scope";
import { createExercise, createUser } from "../submissions/support";
import { callRouteRaw } from "./call-route";
import { parseCsv } from "./parse-csv";
import { setSectionDeadlines } from "@/lib/cohorts/deadlines";

const db = testDb();
afterAll(() => db.$disconnect());

const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const GRADES = "/api/cohorts/[id]/export/grades";
const SUBMISSIONS = "/api/cohorts/[id]/export/submissions";

const TRICKY_NAMES = [
  "Smith, Jr.",
  'Ada "the Countess" Lovelace',
  "Line\nBreak",
  "Carriage\r\nReturn",
  "Zoë Nguyễn 王芳",
  '=HYPERLINK("http://evil.example","click")',
  "+1 Plus",
  "-2 Minus",
  "@SUM(A1:A2)",
];

async function named(name: string): Promise<SessionUser> {
  const u = await createUser(db);
  await db.user.update({ where: { id: u.id }, data: { name } });
  return { ...u, name };
}

async function verified(userId: string, exerciseId: string, verdict: "PASSED" | "FAILED", createdAt: Date) {
  const s = await db.submission.create({
    data: {
      userId,
      exerciseId,
      code: "x = 1\n",
      createdAt,
      exerciseHash: "h",
      state: "DONE",
      verdict,
      verifiedAt: createdAt,
      durationMs: 120,
      checks: {
        create: [
          { name: "test_visible.py::test_a", status: "passed", visibility: "visible" },
          { name: "test_hidden.py::test_b", status: verdict === "PASSED" ? "passed" : "failed", visibility: "hidden" },
        ],
      },
    },
  });
  await recomputeProgress(db, userId, exerciseId);
  return s;
}

test("csvCell quotes what RFC 4180 requires and guards formula starts", () => {
  expect(csvCell("plain")).toBe("plain");
  expect(csvCell("a,b")).toBe('"a,b"');
  expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  expect(csvCell("two\nlines")).toBe('"two\nlines"');
  expect(csvCell("=1+1")).toBe("'=1+1");
  expect(csvCell('=A1,"x"')).toBe(`"'=A1,""x"""`);
  expect(csvCell("-3")).toBe("'-3");
  expect(csvCell(-3)).toBe("-3");
  expect(csvCell(null)).toBe("");
  expect(csvRecord(["a", 1, null])).toBe("a,1,\r\n");
});

test("grades CSV: one row per learner, a column per exercise with overrides named, totals; tricky names round-trip", async () => {
  const teacher = await createUser(db, "INSTRUCTOR");
  const cohort = await createCohort(db, teacher, { name: "Grades, 2026 — Zoë's class" });
  const ex1 = await createExercise(db, { title: "First, with comma", order: 1 });
  const ex2 = await createExercise(db, { title: "Second", order: 2 });
  const learners: SessionUser[] = [];
  for (const name of TRICKY_NAMES) {
    const u = await named(name);
    await joinCohort(db, u, { code: cohort.joinCode });
    learners.push(u);
  }
  const at = new Date("2026-11-20T10:00:00Z");
  await verified(learners[0].id, ex1, "PASSED", at);
  await verified(learners[0].id, ex2, "PASSED", at);
  const failed = await verified(learners[1].id, ex1, "FAILED", at);
  await overrideGrade(db, teacher, failed.id, { verdict: "PASSED", reason: "The hidden check was too strict." });
  await verified(learners[2].id, ex2, "FAILED", at);

  const res = await callRouteRaw(
    gradesRoute,
    GRADES,
    `/api/cohorts/${cohort.id}/export/grades`,
    await sessionCookieFor(teacher.id),
    ctx(cohort.id),
  );
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  expect(res.headers.get("content-disposition")).toMatch(
    /^attachment; filename="leakless-grades-2026-zoe-s-class-grades-\d{4}-\d{2}-\d{2}\.csv"$/,
  );
  const rows = parseCsv(await res.text());
  const header = rows[0];
  expect(header.slice(0, 2)).toEqual(["Learner", "Email"]);
  expect(header).toContain("Section allocation / First, with comma");
  expect(header.slice(-4)).toEqual([
    "Exercises passed",
    "Exercises attempted",
    "Exercises in course",
    "Percent passed",
  ]);
  expect(rows).toHaveLength(1 + TRICKY_NAMES.length);

  const byEmail = new Map(rows.slice(1).map((r) => [r[1], r]));
  for (const [i, u] of learners.entries()) {
    const row = byEmail.get(u.email)!;
    const expectedName = /^[=+\-@]/.test(u.name) ? `'${u.name}` : u.name;
    expect(row[0]).toBe(expectedName);
    expect(row).toHaveLength(header.length);
    if (i === 0) expect(row.slice(2)).toEqual(["PASSED", "PASSED", "2", "2", "2", "100"]);
    if (i === 1) expect(row.slice(2)).toEqual(["PASSED (override: PASSED)", "NOT_STARTED", "1", "1", "2", "50"]);
    if (i === 2) expect(row.slice(2)).toEqual(["NOT_STARTED", "ATTEMPTED", "0", "1", "2", "0"]);
  }
});

test("submissions CSV pages through more than one page, each submission exactly once, oldest first, with check counts", async () => {
  const teacher = await createUser(db, "INSTRUCTOR");
  const cohort = await createCohort(db, teacher, { name: "Big" });
  const exerciseId = await createExercise(db);
  const a = await named("Smith, Jr.");
  const b = await named("Zoë");
  const outsider = await named("Not in the cohort");
  await joinCohort(db, a, { code: cohort.joinCode });
  await joinCohort(db, b, { code: cohort.joinCode });
  const first = await verified(a.id, exerciseId, "FAILED", new Date("2026-11-01T08:00:00Z"));
  await verified(outsider.id, exerciseId, "FAILED", new Date("2026-11-01T09:00:00Z"));
  // Due after the first submission and before all the others: every one but the first is late.
  await setSectionDeadlines(db, teacher, cohort.id, [{ sectionId: "allocation", dueAt: "2026-11-01T12:00:00Z" }]);
  // Many rows sharing timestamps, so the keyset's id tie-break is exercised across page ends.
  const total = SUBMISSIONS_PER_PAGE + 250;
  const base = Date.parse("2026-11-02T00:00:00Z");
  await db.submission.createMany({
    data: Array.from({ length: total - 1 }, (_, i) => ({
      userId: i % 2 === 0 ? a.id : b.id,
      exerciseId,
      code: "pass\n",
      createdAt: new Date(base + Math.floor(i / 7) * 1000),
      exerciseHash: "h",
      state: "DONE" as const,
      verdict: "FAILED" as const,
    })),
  });

  const res = await callRouteRaw(
    submissionsRoute,
    SUBMISSIONS,
    `/api/cohorts/${cohort.id}/export/submissions`,
    await sessionCookieFor(teacher.id),
    ctx(cohort.id),
  );
  expect(res.status).toBe(200);
  expect(res.headers.get("content-disposition")).toMatch(/filename="leakless-big-submissions-/);
  const rows = parseCsv(await res.text());
  expect(rows[0]).toEqual([
    "Submission id",
    "Learner",
    "Email",
    "Section",
    "Exercise",
    "Created (UTC)",
    "State",
    "Verdict",
    "Checks passed",
    "Checks failed",
    "Duration (ms)",
    "Hints used",
    "Due (UTC)",
    "Late",
  ]);
  const body = rows.slice(1);
  expect(body).toHaveLength(total);
  expect(new Set(body.map((r) => r[0])).size).toBe(total);
  expect(body.some((r) => r[2] === outsider.email)).toBe(false);
  expect(body[0]).toEqual([
    first.id,
    "Smith, Jr.",
    a.email,
    "Section allocation",
    expect.any(String),
    "2026-11-01T08:00:00.000Z",
    "DONE",
    "FAILED",
    "1",
    "1",
    "120",
    "0",
    "2026-11-01T12:00:00.000Z",
    "",
  ]);
  expect(body.filter((r) => r[13] === "late")).toHaveLength(total - 1);
  const times = body.map((r) => r[5]);
  expect([...times].sort()).toEqual(times);
});

test("exports refuse another instructor's cohort (404), learners (403) and anonymous requests (401)", async () => {
  const owner = await createUser(db, "INSTRUCTOR");
  const other = await createUser(db, "INSTRUCTOR");
  const admin = await createUser(db, "ADMIN");
  const learner = await createUser(db);
  const cohort = await createCohort(db, owner, { name: "Private" });
  await joinCohort(db, learner, { code: cohort.joinCode });
  for (const [route, page, suffix] of [
    [gradesRoute, GRADES, "grades"],
    [submissionsRoute, SUBMISSIONS, "submissions"],
  ] as const) {
    const path = `/api/cohorts/${cohort.id}/export/${suffix}`;
    const asOther = await callRouteRaw(route, page, path, await sessionCookieFor(other.id), ctx(cohort.id));
    expect(asOther.status).toBe(404);
    expect(await asOther.json()).toEqual({ error: "Cohort was not found." });
    const asLearner = await callRouteRaw(route, page, path, await sessionCookieFor(learner.id), ctx(cohort.id));
    expect(asLearner.status).toBe(403);
    expect((await callRouteRaw(route, page, path, null, ctx(cohort.id))).status).toBe(401);
    const missing = await callRouteRaw(route, page, "/x", await sessionCookieFor(owner.id), ctx("nope"));
    expect(missing.status).toBe(404);
    const asAdmin = await callRouteRaw(route, page, path, await sessionCookieFor(admin.id), ctx(cohort.id));
    expect(asAdmin.status).toBe(200);
    expect(parseCsv(await asAdmin.text()).length).toBeGreaterThanOrEqual(1);
  }
});
