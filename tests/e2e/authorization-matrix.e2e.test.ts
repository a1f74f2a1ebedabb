/**
 * The authorization matrix over HTTP against the production server, with real
 * next-auth sessions (signed in through the credentials flow, one cookie jar
 * per actor): every page and every route handler × {anonymous, learner of
 * cohort A, learner of cohort B, instructor of cohort B, instructor of cohort
 * A, admin}. Each cell asserts the status the product intends: 200/201/202
 * allowed; a redirect to /signin for anonymous page visits; 401 for anonymous
 * API calls; 403 for a role that lacks the permission; 404 where admitting
 * that the object exists would leak it. Object ids belong to cohort A's
 * learner. Server actions have their own matrix in
 * tests/integration/security/server-actions-authz.test.ts.
 *
 * A completeness test lists app/**\/page.tsx and every method exported by
 * app/**\/route.ts: one without a row here fails, so a new page or route
 * cannot ship without deciding who may reach it.
 *
 * Also here, because they need the real server: sign-out revokes a copied
 * session cookie, sign-in is rate limited per account and per IP, and hostile
 * Markdown / names render inert in a real browser.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { createUser, e2eDb, launchBrowser, screenshot, signIn, state } from "./support/browser";
import { HttpActor, type HttpAnswer } from "./support/http-actor";

const ROOT = path.resolve(__dirname, "..", "..");
const PASSWORD = "matrix password 2026";
// Unique to this file: every e2e file shares one server and database.
const EMAIL = (who: string) => `authz-${who}@matrix.example.com`;

const ACTORS = ["anonymous", "learnerA", "learnerB", "instructorB", "instructorA", "admin"] as const;
type Actor = (typeof ACTORS)[number];

/** What a cell must answer. "signin" = a redirect to the sign-in page that comes back here. */
type Outcome = 200 | 201 | 202 | 401 | 403 | 404 | 413 | "signin";
type Expectation = Record<Actor, Outcome>;

const each = (o: Outcome): Expectation => Object.fromEntries(ACTORS.map((a) => [a, o])) as Expectation;
const cells = (
  anonymous: Outcome,
  learnerA: Outcome,
  learnerB: Outcome,
  instructorB: Outcome,
  instructorA: Outcome,
  admin: Outcome,
): Expectation => ({ anonymous, learnerA, learnerB, instructorB, instructorA, admin });

/** The product's access profiles, named once so rows read as policy. */
const PUBLIC = each(200);
const SIGNED_IN_PAGE = cells("signin", 200, 200, 200, 200, 200);
const INSTRUCTOR_PAGE = cells("signin", 403, 403, 200, 200, 200);
/** Cohort A's own pages: another instructor's cohort is a 404 (its existence is not admitted). */
const COHORT_A_PAGE = cells("signin", 403, 403, 404, 200, 200);
const ADMIN_PAGE = cells("signin", 403, 403, 403, 403, 200);
/** The learner's own-data API: keyed by the session, so every signed-in user gets their own. */
const OWN_DATA_API = (ok: Outcome) => cells(401, ok, ok, ok, ok, ok);
/** One of learner A's objects through the learner API: only learner A; everyone else a 404. */
const LEARNER_A_OBJECT_API = cells(401, 200, 404, 404, 404, 404);
/** Instructor-only API scoped to cohort A. */
const COHORT_A_API = cells(401, 403, 403, 404, 200, 200);

interface Ids {
  exerciseId: string;
  sectionId: string;
  cohortA: string;
  cohortAJoinCode: string;
  submissionA: string;
  learnerA: string;
  learnerB: string;
  /** A regrade instructor A started for cohort A. */
  regradeJobA: string;
  /** What no learner page may show: the exercise's hidden checks (by name) and its solution. */
  hiddenTestNames: string[];
  /** A line of the solution that is not in the starter (and reads the same in HTML). */
  solutionMarker: string;
}

interface Row {
  /** The file under app/ that serves it (the completeness check matches on this + method). */
  file: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: (ids: Ids) => string;
  body?: (ids: Ids, actor: Actor) => unknown;
  expect: Expectation;
  /** What else must hold for an allowed cell (e.g. no other learner's data in the answer). */
  check?: (res: HttpAnswer, actor: Actor, ids: Ids) => void;
}

const exercisePath = (ids: Ids) => `/api/exercises/${ids.exerciseId}`;

const ROWS: Row[] = [
  // Public pages.
  { file: "app/page.tsx", method: "GET", path: () => "/", expect: PUBLIC },
  { file: "app/(auth)/signin/page.tsx", method: "GET", path: () => "/signin", expect: PUBLIC },
  { file: "app/(auth)/signup/page.tsx", method: "GET", path: () => "/signup", expect: PUBLIC },

  // The course may be tried without an account (lessons, the task, browser checks): guests and
  // every signed-in user (instructors and admins try exercises too) read these pages.
  { file: "app/(learner)/learn/page.tsx", method: "GET", path: () => "/learn", expect: PUBLIC },
  {
    file: "app/(learner)/learn/[sectionId]/page.tsx",
    method: "GET",
    path: (i) => `/learn/${i.sectionId}`,
    expect: PUBLIC,
  },
  {
    file: "app/(learner)/exercises/[id]/page.tsx",
    method: "GET",
    path: (i) => `/exercises/${i.exerciseId}`,
    expect: PUBLIC,
    // Nobody's page, a guest's included, carries hidden checks; only a learner who passed sees the solution.
    check: (res, _actor, ids) => {
      expect(ids.hiddenTestNames.length).toBeGreaterThan(0);
      for (const name of ids.hiddenTestNames) expect(res.text).not.toContain(name);
      expect(ids.solutionMarker).toBeTruthy();
      expect(res.text).not.toContain(ids.solutionMarker);
    },
  },
  { file: "app/(learner)/progress/page.tsx", method: "GET", path: () => "/progress", expect: SIGNED_IN_PAGE },
  // Anyone signed in who holds the code may see the cohort's name and join (that is what the code is for).
  {
    file: "app/join/[code]/page.tsx",
    method: "GET",
    path: (i) => `/join/${i.cohortAJoinCode}`,
    expect: SIGNED_IN_PAGE,
  },

  // Instructor pages.
  { file: "app/instructor/page.tsx", method: "GET", path: () => "/instructor", expect: INSTRUCTOR_PAGE },
  {
    file: "app/(instructor)/instructor/cohorts/page.tsx",
    method: "GET",
    path: () => "/instructor/cohorts",
    expect: INSTRUCTOR_PAGE,
  },
  {
    file: "app/(instructor)/instructor/cohorts/[id]/page.tsx",
    method: "GET",
    path: (i) => `/instructor/cohorts/${i.cohortA}`,
    expect: COHORT_A_PAGE,
  },
  {
    file: "app/(instructor)/instructor/review/cohorts/[cohortId]/page.tsx",
    method: "GET",
    path: (i) => `/instructor/review/cohorts/${i.cohortA}`,
    expect: COHORT_A_PAGE,
  },
  {
    file: "app/(instructor)/instructor/review/submissions/[id]/page.tsx",
    method: "GET",
    path: (i) => `/instructor/review/submissions/${i.submissionA}`,
    expect: COHORT_A_PAGE,
  },

  // Cohort A's dashboards.
  {
    file: "app/(instructor)/instructor/cohorts/[id]/dashboard/page.tsx",
    method: "GET",
    path: (i) => `/instructor/cohorts/${i.cohortA}/dashboard`,
    expect: COHORT_A_PAGE,
  },
  {
    file: "app/(instructor)/instructor/cohorts/[id]/dashboard/exercises/[exerciseId]/page.tsx",
    method: "GET",
    path: (i) => `/instructor/cohorts/${i.cohortA}/dashboard/exercises/${i.exerciseId}`,
    expect: COHORT_A_PAGE,
  },
  {
    file: "app/(instructor)/instructor/cohorts/[id]/dashboard/learners/[learnerId]/page.tsx",
    method: "GET",
    path: (i) => `/instructor/cohorts/${i.cohortA}/dashboard/learners/${i.learnerA}`,
    expect: COHORT_A_PAGE,
  },
  {
    // Mixing ids: cohort B's learner through cohort A's URL is nobody's to see there, admin included.
    file: "app/(instructor)/instructor/cohorts/[id]/dashboard/learners/[learnerId]/page.tsx",
    method: "GET",
    path: (i) => `/instructor/cohorts/${i.cohortA}/dashboard/learners/${i.learnerB}`,
    expect: cells("signin", 403, 403, 404, 404, 404),
  },

  // Authoring preview: the course content (solutions, hidden checks), not any cohort's data.
  {
    file: "app/(instructor)/instructor/exercises/page.tsx",
    method: "GET",
    path: () => "/instructor/exercises",
    expect: INSTRUCTOR_PAGE,
  },
  {
    file: "app/(instructor)/instructor/exercises/[id]/page.tsx",
    method: "GET",
    path: (i) => `/instructor/exercises/${i.exerciseId}`,
    expect: INSTRUCTOR_PAGE,
  },
  // Personal feedback snippets: every reviewer has their own list.
  {
    file: "app/(instructor)/instructor/review/snippets/page.tsx",
    method: "GET",
    path: () => "/instructor/review/snippets",
    expect: INSTRUCTOR_PAGE,
  },
  // Regrade: the overview and an exercise's status are computed within the viewer's own scope;
  // a job is its requester's (and an admin's): another instructor's job is a 404.
  {
    file: "app/(instructor)/instructor/regrade/page.tsx",
    method: "GET",
    path: () => "/instructor/regrade",
    expect: INSTRUCTOR_PAGE,
  },
  {
    file: "app/(instructor)/instructor/regrade/exercises/[id]/page.tsx",
    method: "GET",
    path: (i) => `/instructor/regrade/exercises/${i.exerciseId}`,
    expect: INSTRUCTOR_PAGE,
  },
  {
    file: "app/(instructor)/instructor/regrade/jobs/[id]/page.tsx",
    method: "GET",
    path: (i) => `/instructor/regrade/jobs/${i.regradeJobA}`,
    expect: COHORT_A_PAGE,
  },

  // Admin.
  { file: "app/admin/users/page.tsx", method: "GET", path: () => "/admin/users", expect: ADMIN_PAGE },

  // Operations probes are public (load balancers call them without a session) and say nothing more
  // than whether this instance is alive and may take traffic: the same answer for every caller.
  {
    file: "app/api/health/route.ts",
    method: "GET",
    path: () => "/api/health",
    expect: PUBLIC,
    check: (res) => expect(res.json).toEqual({ status: "ok" }),
  },
  {
    file: "app/api/ready/route.ts",
    method: "GET",
    path: () => "/api/ready",
    expect: PUBLIC,
    check: (res) =>
      expect(res.json).toEqual({
        status: "ready",
        checks: { database: "ok", migrations: "ok", course: "ok" },
      }),
  },

  // next-auth's own endpoints are public by design (they are how one signs in).
  { file: "app/api/auth/[...nextauth]/route.ts", method: "GET", path: () => "/api/auth/session", expect: PUBLIC },
  {
    file: "app/api/auth/[...nextauth]/route.ts",
    method: "POST",
    // A credentials post without a CSRF token is turned away to the sign-in page, for everyone.
    path: () => "/api/auth/callback/credentials",
    body: () => ({ form: { email: "nobody@example.com", password: "x" } }),
    expect: each("signin"),
  },
  {
    file: "app/api/signup/route.ts",
    method: "POST",
    path: () => "/api/signup",
    body: (_i, actor) => ({ json: { name: "New", email: EMAIL(`signup-${actor}-${Date.now()}`), password: PASSWORD } }),
    expect: each(201),
    check: (res) => expect(res.json?.user).toMatchObject({ name: "New" }),
  },

  // Cohort A's CSV exports.
  {
    file: "app/api/cohorts/[id]/export/grades/route.ts",
    method: "GET",
    path: (i) => `/api/cohorts/${i.cohortA}/export/grades`,
    expect: COHORT_A_API,
    check: (res) => expect(res.contentType).toMatch(/text\/csv/),
  },
  {
    file: "app/api/cohorts/[id]/export/submissions/route.ts",
    method: "GET",
    path: (i) => `/api/cohorts/${i.cohortA}/export/submissions`,
    expect: COHORT_A_API,
    check: (res) => {
      expect(res.contentType).toMatch(/text\/csv/);
      expect(res.text).toContain("Learner A");
    },
  },

  // The learner API: the session decides whose data it is.
  {
    file: "app/api/exercises/[id]/draft/route.ts",
    method: "PUT",
    path: (i) => `${exercisePath(i)}/draft`,
    body: (_i, actor) => ({ json: { code: `# draft of ${actor}\n` } }),
    expect: OWN_DATA_API(200),
  },
  // The caller's own settings: keyed by the session, no id to abuse.
  {
    file: "app/api/me/preferences/route.ts",
    method: "PUT",
    path: () => "/api/me/preferences",
    body: () => ({ json: { editorFontSize: 15 } }),
    expect: OWN_DATA_API(200),
    check: (res) => expect(res.json).toEqual({ editorFontSize: 15 }),
  },
  {
    file: "app/api/me/preferences/route.ts",
    method: "GET",
    path: () => "/api/me/preferences",
    expect: OWN_DATA_API(200),
    check: (res) => expect(typeof res.json?.editorFontSize).toBe("number"),
  },
  {
    file: "app/api/exercises/[id]/hints/route.ts",
    method: "POST",
    path: (i) => `${exercisePath(i)}/hints`,
    body: () => ({ json: { index: 0 } }),
    expect: OWN_DATA_API(200),
  },
  {
    file: "app/api/exercises/[id]/submissions/route.ts",
    method: "GET",
    path: (i) => `${exercisePath(i)}/submissions`,
    expect: OWN_DATA_API(200),
    check: (res, actor) => {
      // Only learner A has a submission here; nobody else's list may include it.
      const n = (res.json?.submissions as unknown[]).length;
      expect({ actor, n }).toEqual({ actor, n: actor === "learnerA" ? 1 : 0 });
    },
  },
  {
    file: "app/api/exercises/[id]/submissions/route.ts",
    method: "POST",
    path: (i) => `${exercisePath(i)}/submissions`,
    // Over the code limit, so the matrix queues no real verifications: 413 means "past the auth
    // gate, stopped by the size check"; anonymous must be stopped before that (401).
    body: () => ({ json: { code: "#".repeat(64 * 1024 + 1) } }),
    expect: OWN_DATA_API(413),
  },
  {
    file: "app/api/submissions/[id]/route.ts",
    method: "GET",
    path: (i) => `/api/submissions/${i.submissionA}`,
    expect: LEARNER_A_OBJECT_API,
    check: (res) => expect(res.json?.submission).toMatchObject({ code: LEARNER_A_CODE }),
  },
];

const LEARNER_A_CODE = "# learner A's own submission\n";

// ---------------------------------------------------------------------------

let ids: Ids;
const actors = {} as Record<Actor, HttpActor>;

beforeAll(async () => {
  const users = {
    learnerA: await createUser("LEARNER", EMAIL("learner-a"), PASSWORD, "Learner A"),
    learnerB: await createUser("LEARNER", EMAIL("learner-b"), PASSWORD, "Learner B"),
    instructorA: await createUser("INSTRUCTOR", EMAIL("instructor-a"), PASSWORD, "Instructor A"),
    instructorB: await createUser("INSTRUCTOR", EMAIL("instructor-b"), PASSWORD, "Instructor B"),
    admin: await createUser("ADMIN", EMAIL("admin"), PASSWORD, "Admin"),
  };
  const db = e2eDb();
  try {
    // A shipped exercise with hints (the hint row reveals one).
    const exercise = (
      await db.exercise.findMany({
        where: { archivedAt: null, section: { archivedAt: null } },
        orderBy: [{ section: { order: "asc" } }, { order: "asc" }],
        select: { id: true, sectionId: true, hints: true, checks: true, solution: true, starter: true },
      })
    ).find((e) => Array.isArray(e.hints) && e.hints.length > 0)!;
    const cohortA = await db.cohort.create({
      data: { name: "Matrix cohort A", ownerId: users.instructorA.id, joinCode: "MATRIXAAAA" },
    });
    const cohortB = await db.cohort.create({
      data: { name: "Matrix cohort B", ownerId: users.instructorB.id, joinCode: "MATRIXBBBB" },
    });
    await db.cohortMember.create({ data: { cohortId: cohortA.id, userId: users.learnerA.id } });
    await db.cohortMember.create({ data: { cohortId: cohortB.id, userId: users.learnerB.id } });
    const submission = await db.submission.create({
      data: {
        userId: users.learnerA.id,
        exerciseId: exercise.id,
        code: LEARNER_A_CODE,
        exerciseHash: "matrix",
        state: "DONE",
        verdict: "FAILED",
      },
    });
    const job = await db.regradeJob.create({
      data: {
        requestedById: users.instructorA.id,
        cohortId: cohortA.id,
        exerciseId: exercise.id,
        state: "DONE",
        finishedAt: new Date(),
      },
    });
    ids = {
      learnerA: users.learnerA.id,
      learnerB: users.learnerB.id,
      regradeJobA: job.id,
      exerciseId: exercise.id,
      sectionId: exercise.sectionId,
      cohortA: cohortA.id,
      cohortAJoinCode: cohortA.joinCode,
      submissionA: submission.id,
      hiddenTestNames: (exercise.checks as { visibility: string; source: string }[])
        .filter((c) => c.visibility === "hidden")
        .flatMap((c) => [...c.source.matchAll(/^def (test_\w+)/gm)].map((m) => m[1])),
      solutionMarker: exercise.solution
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line.length > 12 && !exercise.starter.includes(line) && !/[<>&"']/.test(line))
        .sort((a, b) => b.length - a.length)[0],
    };
  } finally {
    await db.$disconnect();
  }
  actors.anonymous = new HttpActor("anonymous");
  for (const who of ["learnerA", "learnerB", "instructorB", "instructorA", "admin"] as const) {
    const email = EMAIL(who.replace(/([AB])$/, "-$1").toLowerCase());
    actors[who] = await new HttpActor(who).signIn(email, PASSWORD);
  }
});

function outcomeOf(res: HttpAnswer): Outcome | string {
  if (res.status >= 300 && res.status < 400) {
    const to = new URL(res.location ?? "", state().url);
    // next-auth's own /api/auth/signin forwards to the app's /signin page.
    return to.pathname === "/signin" || to.pathname === "/api/auth/signin" ? "signin" : `redirect to ${to.pathname}`;
  }
  return res.status as Outcome;
}

/** Ids for test names only (the real ones exist after beforeAll). */
const PLACEHOLDER_IDS: Ids = {
  exerciseId: ":exercise",
  sectionId: ":section",
  cohortA: ":cohortA",
  cohortAJoinCode: ":codeA",
  hiddenTestNames: [],
  solutionMarker: "",
  submissionA: ":submissionA",
  regradeJobA: ":regradeJobA",
  learnerA: ":learnerA",
  learnerB: ":learnerB",
};

const MATRIX = ROWS.flatMap((row) =>
  ACTORS.map((actor) => [`${row.method} ${row.path(PLACEHOLDER_IDS)}`, actor, row.expect[actor], row] as const),
);

test.each(MATRIX)("%s as %s → %s", async (_name, actor, expected, row) => {
  const body = row.body?.(ids, actor) as { json?: unknown; form?: Record<string, string> } | undefined;
  const res = await actors[actor].request(row.method, row.path(ids), body ?? {});
  const outcome = outcomeOf(res);
  // On a mismatch, say which page answered (its heading), to tell a leak from a wrong expectation.
  const heading =
    outcome === expected ? undefined : (/<h1[^>]*>(.*?)<\/h1>/s.exec(res.text)?.[1] ?? res.text.slice(0, 200));
  expect({ actor, outcome, heading }).toEqual({ actor, outcome: expected, heading: undefined });
  if (expected === "signin") {
    // Back to where the visitor was going, on this site only.
    const to = new URL(res.location!, state().url);
    if (row.path(ids).startsWith("/api/")) return;
    expect(to.searchParams.get("callbackUrl")).toBe(row.path(ids));
  } else if (typeof expected === "number" && expected >= 400 && row.path(ids).startsWith("/api/")) {
    // API refusals say why, as JSON, and leak nothing of learner A's.
    expect(typeof res.json?.error).toBe("string");
    expect(res.text).not.toContain(LEARNER_A_CODE);
  } else if (typeof expected === "number" && expected >= 400) {
    expect(res.text).not.toContain(LEARNER_A_CODE.trim());
  }
  if (typeof expected === "number" && expected < 300) row.check?.(res, actor, ids);
});

test("each actor's draft save wrote that actor's own draft, and learner A's is learner A's text", async () => {
  const db = e2eDb();
  try {
    const drafts = await db.draft.findMany({
      where: { exerciseId: ids.exerciseId, user: { email: { endsWith: "@matrix.example.com" } } },
      select: { code: true, user: { select: { email: true } } },
    });
    const byEmail = Object.fromEntries(drafts.map((d) => [d.user.email, d.code]));
    expect(byEmail).toEqual({
      [EMAIL("learner-a")]: "# draft of learnerA\n",
      [EMAIL("learner-b")]: "# draft of learnerB\n",
      [EMAIL("instructor-a")]: "# draft of instructorA\n",
      [EMAIL("instructor-b")]: "# draft of instructorB\n",
      [EMAIL("admin")]: "# draft of admin\n",
    });
  } finally {
    await db.$disconnect();
  }
});

// ---------------------------------------------------------------------------
// Completeness: every page and every exported route method has a row.

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

function routeMethods(file: string): string[] {
  const src = fs.readFileSync(path.join(ROOT, file), "utf8");
  const methods = new Set<string>();
  for (const m of src.matchAll(
    /export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g,
  )) {
    methods.add(m[1]);
  }
  for (const m of src.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1].split(",")) {
      const name = part
        .trim()
        .split(/\s+as\s+/)
        .pop();
      if (name && /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/.test(name)) methods.add(name);
    }
  }
  return [...methods];
}

test("every page and every route method in app/ has a row in this matrix", () => {
  const files = walk(path.join(ROOT, "app")).map((f) => path.relative(ROOT, f).split(path.sep).join("/"));
  const wanted = [
    ...files.filter((f) => f.endsWith("/page.tsx") || f === "app/page.tsx").map((f) => `GET ${f}`),
    ...files.filter((f) => f.endsWith("/route.ts")).flatMap((f) => routeMethods(f).map((m) => `${m} ${f}`)),
  ];
  const covered = new Set(ROWS.map((r) => `${r.method} ${r.file}`));
  expect(wanted.filter((w) => !covered.has(w)).sort()).toEqual([]);
  expect([...covered].filter((c) => !wanted.includes(c)).sort()).toEqual([]);
});

// ---------------------------------------------------------------------------
// Sessions: sign-out revokes every copy; sign-in is rate limited.

test("signing out revokes the session everywhere: a copied cookie stops working at once", async () => {
  await createUser("LEARNER", EMAIL("signout"), PASSWORD, "Sign Out");
  const tab1 = await new HttpActor("tab 1").signIn(EMAIL("signout"), PASSWORD);
  const tab2 = tab1.copy("tab 2 (or a stolen cookie)");
  expect((await tab2.request("GET", `/api/exercises/${ids.exerciseId}/submissions`)).status).toBe(200);
  expect(outcomeOf(await tab2.request("GET", "/progress"))).toBe(200);

  await tab1.signOut();
  expect(tab1.hasSession()).toBe(false);
  expect(tab2.hasSession()).toBe(true);
  expect((await tab2.request("GET", `/api/exercises/${ids.exerciseId}/submissions`)).status).toBe(401);
  expect(outcomeOf(await tab2.request("GET", "/progress"))).toBe("signin");
  // Signing in again works and gives a new, valid session.
  const again = await new HttpActor("again").signIn(EMAIL("signout"), PASSWORD);
  expect((await again.request("GET", `/api/exercises/${ids.exerciseId}/submissions`)).status).toBe(200);
});

test("sign-in is rate limited per account: after 10 failures the right password is refused too", async () => {
  await createUser("LEARNER", EMAIL("ratelimited"), PASSWORD, "Rate Limited");
  for (let i = 0; i < 10; i++) {
    const guess = new HttpActor(`guess ${i}`, `10.77.1.${i + 1}`);
    await guess.trySignIn(EMAIL("ratelimited"), `wrong password ${i}`);
    expect(guess.hasSession()).toBe(false);
  }
  // From a fresh address, with the right password: still refused, and told why.
  const owner = new HttpActor("owner", "10.77.2.1");
  const res = await owner.trySignIn(EMAIL("ratelimited"), PASSWORD);
  expect(owner.hasSession()).toBe(false);
  expect(res.text + (res.location ?? "")).toMatch(/RateLimited/);
  // Another account is not affected.
  await createUser("LEARNER", EMAIL("neighbour"), PASSWORD, "Neighbour");
  await new HttpActor("neighbour", "10.77.2.2").signIn(EMAIL("neighbour"), PASSWORD);
});

test("sign-in is rate limited per IP: after 50 failures from one address, a valid account is refused from it", async () => {
  await createUser("LEARNER", EMAIL("same-ip"), PASSWORD, "Same IP");
  const ip = "10.77.3.1";
  for (let i = 0; i < 50; i++) {
    await new HttpActor(`spray ${i}`, ip).trySignIn(EMAIL(`spray-${i}`), "wrong password");
  }
  const fromThere = new HttpActor("same ip", ip);
  await fromThere.trySignIn(EMAIL("same-ip"), PASSWORD);
  expect(fromThere.hasSession()).toBe(false);
  // The same account from elsewhere is fine: the IP limit does not lock the account.
  await new HttpActor("elsewhere", "10.77.3.2").signIn(EMAIL("same-ip"), PASSWORD);
});

test("next-auth's own endpoints answer bad input without a 500 and without a session", async () => {
  // A fresh actor (own CSRF cookie and token) per case, so each case's outcome is its own.
  async function post(build: (csrfToken: string) => string, type = "application/x-www-form-urlencoded") {
    const probe = new HttpActor("probe", "10.77.4.1");
    const csrfToken = await probe.csrfToken();
    const res = await probe.request("POST", "/api/auth/callback/credentials", {
      headers: { "content-type": type },
      raw: build(csrfToken),
    });
    return { status: res.status, serverError: res.status >= 500, session: probe.hasSession() };
  }
  const form = (fields: Record<string, string>) => (csrfToken: string) =>
    new URLSearchParams({ csrfToken, json: "true", ...fields }).toString();
  const answers = {
    hugeEmail: await post(form({ email: `${"a".repeat(100_000)}@example.com`, password: "x" })),
    hugePassword: await post(form({ email: EMAIL("learner-a"), password: "p".repeat(1024 * 1024) })),
    loneSurrogate: await post((t) => `csrfToken=${t}&json=true&email=%ED%A0%80%40example.com&password=%ED%A0%80`),
    jsonBody: await post(
      (t) => JSON.stringify({ csrfToken: t, email: { $ne: "" }, password: ["x"] }),
      "application/json",
    ),
    garbage: await post(() => "%%%&&&==="),
  };
  for (const [name, a] of Object.entries(answers)) {
    expect({ name, serverError: a.serverError, session: a.session }).toEqual({
      name,
      serverError: false,
      session: false,
    });
  }
  const badCookie = await new HttpActor("bad cookie").request("GET", "/api/auth/session", {
    headers: { cookie: "next-auth.session-token=garbage.garbage.garbage" },
  });
  expect({ status: badCookie.status, session: badCookie.json }).toEqual({ status: 200, session: {} });
});

// ---------------------------------------------------------------------------
// XSS: hostile text from instructors, reviewers and learners renders as text in a real browser.

const XSS = [
  "<script>window.__xss = 'script'</script>",
  '<img src="x" onerror="window.__xss = \'img\'">',
  "[click me](javascript:window.__xss='md-link')",
  "<a href=\"javascript:window.__xss='a'\">raw link</a>",
  "<svg onload=\"window.__xss='svg'\"></svg>",
  "<iframe src=\"javascript:window.__xss='iframe'\"></iframe>",
  "<b>raw bold</b>",
].join("\n\n");
const XSS_NAME = "<img src=x onerror=\"window.__xss='name'\">Mallory";
const XSS_SECTION = "authz-xss-section";
const XSS_EXERCISE = "00000000-0000-4000-8000-00000000a775";

async function expectInert(page: Page, where: string) {
  const found = await page.evaluate(() => {
    const w = window as unknown as { __xss?: string };
    const all = [...document.querySelectorAll("*")];
    return {
      ran: w.__xss ?? null,
      handlers: all.flatMap((el) =>
        [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}[${a.name}]`),
      ),
      scriptUrls: [...document.querySelectorAll("[href],[src]")]
        .map((el) => el.getAttribute("href") ?? el.getAttribute("src") ?? "")
        .filter((u) => /^\s*javascript:/i.test(u)),
      // (Next's own flight-data scripts carry the page's text as JSON strings; only a script that
      // is the payload itself would be hostile.)
      hostileScripts: [...document.querySelectorAll("script")].filter(
        (s) => s.textContent?.trim() === "window.__xss = 'script'",
      ).length,
      // Any attribute carrying the payload means hostile markup became an element.
      hostileAttributes: all
        .filter((el) => [...el.attributes].some((a) => a.value.includes("__xss")))
        .map((el) => el.tagName),
      // Markdown drops raw HTML: none of the payload's tags may appear inside rendered Markdown.
      rawHtmlInMarkdown: document.querySelectorAll(
        ".markdown img, .markdown svg, .markdown iframe, .markdown b, .markdown script",
      ).length,
    };
  });
  expect({ where, ...found }).toEqual({
    where,
    ran: null,
    handlers: [],
    scriptUrls: [],
    hostileScripts: 0,
    hostileAttributes: [],
    rawHtmlInMarkdown: 0,
  });
}

describe("hostile Markdown and names render as inert text", () => {
  let browser: Browser;
  let submissionId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    const mallory = await createUser("LEARNER", EMAIL("mallory"), PASSWORD, XSS_NAME);
    const db = e2eDb();
    try {
      const teacher = await db.user.findUniqueOrThrow({ where: { email: EMAIL("instructor-a") } });
      await db.section.create({
        data: { id: XSS_SECTION, title: "XSS section", order: 999, lesson: `# Lesson\n\n${XSS}` },
      });
      await db.exercise.create({
        data: {
          id: XSS_EXERCISE,
          slug: "authz-xss",
          sectionId: XSS_SECTION,
          title: "Hostile prompt",
          order: 1,
          difficulty: 1,
          tags: ["xss"],
          prompt: `Fix this.\n\n${XSS}`,
          starter: "x = 1\n",
          solution: "x = 1\n",
          checks: [{ name: "test_x.py", visibility: "visible", source: "def test_x():\n    assert True\n" }],
          hints: [`First hint ${XSS}`],
          timeLimitMs: 5000,
          memoryLimitMb: 64,
          contentHash: "authz-xss",
          path: "authz/xss",
        },
      });
      await db.cohortMember.create({ data: { cohortId: ids.cohortA, userId: mallory.id } });
      const s = await db.submission.create({
        data: {
          userId: mallory.id,
          exerciseId: XSS_EXERCISE,
          code: "x = 1\n",
          exerciseHash: "authz-xss",
          state: "DONE",
          verdict: "FAILED",
        },
      });
      submissionId = s.id;
      await db.feedback.create({
        data: {
          submissionId: s.id,
          authorId: teacher.id,
          body: `Feedback ${XSS}`,
          status: "NEEDS_REVISION",
          lineComments: { create: [{ line: 1, body: `Line comment ${XSS}` }] },
        },
      });
    } finally {
      await db.$disconnect();
    }
  });

  afterAll(async () => {
    await browser?.close();
    // Hide the hostile section from the other browser tests that share this server.
    const db = e2eDb();
    try {
      await db.exercise.updateMany({ where: { id: XSS_EXERCISE }, data: { archivedAt: new Date() } });
      await db.section.updateMany({ where: { id: XSS_SECTION }, data: { archivedAt: new Date() } });
    } finally {
      await db.$disconnect();
    }
  });

  async function open(email: string) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await signIn(page, email, PASSWORD);
    return { page, dialogs, context };
  }

  test("the learner's exercise page (prompt, revealed hint, feedback, line comment, own name) and lesson", async () => {
    const { page, dialogs, context } = await open(EMAIL("mallory"));
    try {
      await page.goto(`${state().url}/exercises/${XSS_EXERCISE}`);
      await page.getByRole("button", { name: "Show a hint" }).click();
      await page.getByText("First hint").waitFor();
      await page.getByTestId("feedback-item").waitFor();
      // The hostile markup is shown as text where the product shows text (hint, name), and dropped by Markdown.
      await expect(
        page.getByText("<script>window.__xss = 'script'</script>", { exact: false }).first().isVisible(),
      ).resolves.toBe(true);
      await expect(page.getByTestId("who").textContent()).resolves.toContain("Mallory");
      await expectInert(page, "exercise page");
      await screenshot(page, "authz-xss-exercise");
      await page.goto(`${state().url}/learn/${XSS_SECTION}`);
      await expectInert(page, "lesson page");
      expect(dialogs).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("the instructor's review and cohort pages show the hostile name and feedback inert", async () => {
    const { page, dialogs, context } = await open(EMAIL("instructor-a"));
    try {
      await page.goto(`${state().url}/instructor/review/submissions/${submissionId}`);
      await page.getByText("Mallory").first().waitFor();
      await expectInert(page, "review page");
      await page.goto(`${state().url}/instructor/cohorts/${ids.cohortA}`);
      await page.getByText("Mallory").first().waitFor();
      await expectInert(page, "cohort page");
      await page.goto(`${state().url}/instructor/review/cohorts/${ids.cohortA}`);
      await expectInert(page, "review queue");
      expect(dialogs).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
