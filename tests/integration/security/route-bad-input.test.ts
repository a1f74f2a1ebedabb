/**
 * Bad input to every JSON route handler, table-driven, through the real
 * handlers in Next's request scope with real session cookies and the real
 * database (see ../submissions/next-request-scope.ts).
 *
 * Every case must come back as a 4xx with a JSON `{ error }` message — never a
 * 500, never a silent success — and leave the database as it was. The table of
 * endpoints is checked against the files under app/api, so a new route handler
 * without a row fails this file.
 */
import "../submissions/next-server-env";
import fs from "node:fs";
import path from "node:path";
import { POST as postSignUp } from "@/app/api/signup/route";
import { PUT as putDraft } from "@/app/api/exercises/[id]/draft/route";
import { POST as postHint } from "@/app/api/exercises/[id]/hints/route";
import { GET as listSubmissionsRoute, POST as postSubmission } from "@/app/api/exercises/[id]/submissions/route";
import { GET as getSubmissionRoute } from "@/app/api/submissions/[id]/route";
import { GET as exportGradesRoute } from "@/app/api/cohorts/[id]/export/grades/route";
import { GET as exportSubmissionsRoute } from "@/app/api/cohorts/[id]/export/submissions/route";
import { PUT as putPreferences } from "@/app/api/me/preferences/route";
import { getJobRunner } from "@/lib/jobs/process-jobs";
import { CODE_BODY_LIMIT_BYTES, MAX_CODE_BYTES } from "@/lib/submissions/code-limits";
import type { SessionUser } from "@/lib/auth/session";
import { testDb } from "../../setup/db";
import { callRoute, sessionCookieFor } from "../submissions/next-request-scope";
import { createExercise, createUser } from "../submissions/support";

const db = testDb();
afterAll(async () => {
  await getJobRunner(db)?.close();
  await db.$disconnect();
});

type Ctx = { params: Promise<Record<string, string>> };
type Handler = (req: Request, ctx: Ctx) => Promise<Response>;

/** One JSON endpoint that reads a body: its handler, a valid body and the limit its handler applies. */
interface BodyEndpoint {
  name: string;
  file: string;
  method: "POST" | "PUT";
  handler: Handler;
  page: string;
  url: (exerciseId: string) => string;
  params: (exerciseId: string) => Record<string, string>;
  limitBytes: number;
  valid: () => Record<string, unknown>;
  /** Fields whose wrong type must be refused. */
  fields: string[];
  /** The field that carries learner code, if any (over MAX_CODE_BYTES → 413). */
  codeField?: string;
  /** Whether the handler needs a session (sign-up does not). */
  signedIn: boolean;
}

const BODY_ENDPOINTS: BodyEndpoint[] = [
  {
    name: "sign-up",
    file: "app/api/signup/route.ts",
    method: "POST",
    handler: postSignUp as unknown as Handler,
    page: "/api/signup",
    url: () => "/api/signup",
    params: () => ({}),
    limitBytes: 4 * 1024,
    valid: () => ({
      name: "Ada",
      email: `ada-${Math.random().toString(36).slice(2)}@example.com`,
      password: "a long enough password",
    }),
    fields: ["name", "email", "password"],
    signedIn: false,
  },
  {
    name: "draft",
    file: "app/api/exercises/[id]/draft/route.ts",
    method: "PUT",
    handler: putDraft as unknown as Handler,
    page: "/api/exercises/[id]/draft",
    url: (id) => `/api/exercises/${id}/draft`,
    params: (id) => ({ id }),
    limitBytes: CODE_BODY_LIMIT_BYTES,
    valid: () => ({ code: "def double(x):\n    return x\n" }),
    fields: ["code"],
    codeField: "code",
    signedIn: true,
  },
  {
    name: "preferences",
    file: "app/api/me/preferences/route.ts",
    method: "PUT",
    handler: putPreferences as unknown as Handler,
    page: "/api/me/preferences",
    url: () => "/api/me/preferences",
    params: () => ({}),
    limitBytes: 1024,
    valid: () => ({ editorFontSize: 16 }),
    fields: ["editorFontSize"],
    signedIn: true,
  },
  {
    name: "hint",
    file: "app/api/exercises/[id]/hints/route.ts",
    method: "POST",
    handler: postHint as unknown as Handler,
    page: "/api/exercises/[id]/hints",
    url: (id) => `/api/exercises/${id}/hints`,
    params: (id) => ({ id }),
    limitBytes: 1024,
    valid: () => ({ index: 0 }),
    fields: ["index"],
    signedIn: true,
  },
  {
    name: "submit",
    file: "app/api/exercises/[id]/submissions/route.ts",
    method: "POST",
    handler: postSubmission as unknown as Handler,
    page: "/api/exercises/[id]/submissions",
    url: (id) => `/api/exercises/${id}/submissions`,
    params: (id) => ({ id }),
    limitBytes: CODE_BODY_LIMIT_BYTES,
    valid: () => ({ code: "def double(x):\n    return 2 * x\n" }),
    fields: ["code", "clientVerdict"],
    codeField: "code",
    signedIn: true,
  },
];

/** Endpoints that read no body: only their path parameter can be bad. `as` is who asks (the role that may call it). */
const PARAM_ENDPOINTS = [
  {
    name: "list own submissions",
    file: "app/api/exercises/[id]/submissions/route.ts",
    handler: listSubmissionsRoute as unknown as Handler,
    page: "/api/exercises/[id]/submissions",
    url: (id: string) => `/api/exercises/${encodeURIComponent(id)}/submissions`,
    as: "learner",
  },
  {
    name: "submission status",
    file: "app/api/submissions/[id]/route.ts",
    handler: getSubmissionRoute as unknown as Handler,
    page: "/api/submissions/[id]",
    url: (id: string) => `/api/submissions/${encodeURIComponent(id)}`,
    as: "learner",
  },
  {
    name: "grades CSV export",
    file: "app/api/cohorts/[id]/export/grades/route.ts",
    handler: exportGradesRoute as unknown as Handler,
    page: "/api/cohorts/[id]/export/grades",
    url: (id: string) => `/api/cohorts/${encodeURIComponent(id)}/export/grades`,
    as: "instructor",
  },
  {
    name: "submissions CSV export",
    file: "app/api/cohorts/[id]/export/submissions/route.ts",
    handler: exportSubmissionsRoute as unknown as Handler,
    page: "/api/cohorts/[id]/export/submissions",
    url: (id: string) => `/api/cohorts/${encodeURIComponent(id)}/export/submissions`,
    as: "instructor",
  },
] as const;

/** next-auth's own handler parses form posts itself; it is exercised over HTTP in tests/e2e/authorization-matrix. */
const COVERED_ELSEWHERE = [
  "app/api/auth/[...nextauth]/route.ts",
  // The operations probes read no body, query or path parameter: tests/integration/ops/health-ready.test.ts.
  "app/api/health/route.ts",
  "app/api/ready/route.ts",
];

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(p);
    return e.name === "route.ts" ? [p] : [];
  });
}

let learner: SessionUser;
let cookie: string;
let instructorCookie: string;
let exerciseId: string;

beforeAll(async () => {
  exerciseId = await createExercise(db);
  learner = await createUser(db);
  cookie = await sessionCookieFor(learner.id);
  instructorCookie = await sessionCookieFor((await createUser(db, "INSTRUCTOR")).id);
});

interface RawRequest {
  body?: BodyInit | null;
  contentType?: string | null;
  headers?: Record<string, string>;
}

function rawRequest(ep: BodyEndpoint, id: string, raw: RawRequest): Request {
  const headers: Record<string, string> = { ...(raw.headers ?? {}) };
  if (raw.contentType !== null) headers["content-type"] = raw.contentType ?? "application/json";
  if (ep.signedIn) headers.cookie = cookie;
  return new Request(`http://localhost${ep.url(id)}`, {
    method: ep.method,
    headers,
    body: raw.body,
    ...(raw.body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
}

async function send(ep: BodyEndpoint, raw: RawRequest, id = exerciseId) {
  return callRoute(ep.handler, ep.page, rawRequest(ep, id, raw), { params: Promise.resolve(ep.params(id)) });
}

/** What must hold for any refused request: the status, a message, and nothing written. */
async function expectRefused(result: { status: number; body: Record<string, unknown> }, status: number) {
  expect({
    status: result.status,
    hasMessage: typeof result.body.error === "string" && result.body.error.length > 0,
  }).toEqual({
    status,
    hasMessage: true,
  });
}

async function rowCounts() {
  const [users, drafts, submissions, hints] = await Promise.all([
    db.user.count(),
    db.draft.count(),
    db.submission.count(),
    db.hintReveal.count(),
  ]);
  return { users, drafts, submissions, hints };
}

const bytes = (n: number, fill = "a") => fill.repeat(n);

/** Bad bodies every JSON endpoint must refuse, with the status it must answer. */
function badBodies(ep: BodyEndpoint): [string, RawRequest, number][] {
  const valid = ep.valid();
  const cases: [string, RawRequest, number][] = [
    ["malformed JSON", { body: '{"code": "x",' }, 400],
    ["an empty body", { body: "" }, 400],
    ["no body at all", { body: null }, 400],
    ["JSON null", { body: "null" }, 400],
    ["a JSON array", { body: "[]" }, 400],
    ["a JSON string", { body: '"hello"' }, 400],
    ["a JSON number", { body: "42" }, 400],
    ["an empty object (missing fields)", { body: "{}" }, 400],
    ["form-encoded instead of JSON", { body: "code=x&index=0", contentType: "application/x-www-form-urlencoded" }, 415],
    [
      "text/plain (what a cross-site simple request sends)",
      { body: JSON.stringify(valid), contentType: "text/plain" },
      415,
    ],
    ["no content type", { body: JSON.stringify(valid), contentType: null }, 415],
    [
      "invalid UTF-8 bytes",
      { body: new Uint8Array([0x7b, 0x22, 0x63, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) },
      400,
    ],
    // JSON escapes make these valid UTF-8 on the wire; the decoded string is still not text.
    ["a lone surrogate in a string", { body: JSON.stringify(valid).slice(0, -1) + ',"note":"\\ud800"}' }, 400],
    ["a lone surrogate in a key", { body: JSON.stringify(valid).slice(0, -1) + ',"\\udfff":1}' }, 400],
    // PostgreSQL cannot store a NUL in text: refused on both databases alike.
    ["a NUL character in a string", { body: JSON.stringify(valid).slice(0, -1) + ',"note":"a\\u0000b"}' }, 400],
    ["deeply nested arrays", { body: "[".repeat(100_000) + "]".repeat(100_000) }, ep.limitBytes < 200_000 ? 413 : 400],
    ["a body over the limit (declared length)", { body: bytes(ep.limitBytes + 1) }, 413],
    [
      "a Content-Length that lies (small) about a large body",
      { body: `{"x":"${bytes(ep.limitBytes + 10)}"}`, headers: { "content-length": "10" } },
      413,
    ],
  ];
  for (const field of ep.fields) {
    for (const [label, wrong] of [
      ["a number", 12345],
      ["an object", { $gt: "" }],
      ["an array", ["x"]],
      ["null", null],
      ["a boolean", true],
    ] as const) {
      // A number is the right type for hint.index: give it a wrong number instead.
      const value = field === "index" && label === "a number" ? 1.5 : wrong;
      cases.push([`${field} as ${label}`, { body: JSON.stringify({ ...valid, [field]: value }) }, 400]);
    }
    const rest = Object.fromEntries(Object.entries(valid).filter(([k]) => k !== field));
    if (field !== "clientVerdict") cases.push([`${field} missing`, { body: JSON.stringify(rest) }, 400]);
  }
  if (ep.codeField) {
    cases.push([
      `${ep.codeField} one byte over ${MAX_CODE_BYTES} bytes`,
      { body: JSON.stringify({ ...valid, [ep.codeField]: bytes(MAX_CODE_BYTES + 1) }) },
      413,
    ]);
    cases.push([
      `${ep.codeField} with a lone surrogate`,
      { body: JSON.stringify(valid).replace(/"}$/, '\\udc00"}') },
      400,
    ]);
    cases.push([
      `${ep.codeField} over the limit in multi-byte characters`,
      { body: JSON.stringify({ ...valid, [ep.codeField]: bytes(MAX_CODE_BYTES / 2 + 1, "é") }) },
      413,
    ]);
  }
  return cases;
}

test("every route handler under app/api has a row in this table", () => {
  const root = path.resolve(__dirname, "../../..");
  const files = routeFiles(path.join(root, "app/api")).map((f) => path.relative(root, f).split(path.sep).join("/"));
  const covered = new Set([
    ...BODY_ENDPOINTS.map((e) => e.file),
    ...PARAM_ENDPOINTS.map((e) => e.file),
    ...COVERED_ELSEWHERE,
  ]);
  expect(files.filter((f) => !covered.has(f)).sort()).toEqual([]);
});

describe.each(BODY_ENDPOINTS.map((ep) => [ep.name, ep] as const))("%s: bad bodies", (_name, ep) => {
  test.each(badBodies(ep).map(([label, raw, status]) => [label, status, raw] as const))(
    "%s → %i with a message, nothing stored",
    async (_label, status, raw) => {
      const before = await rowCounts();
      await expectRefused(await send(ep, raw), status);
      expect(await rowCounts()).toEqual(before);
    },
  );

  test("the code limit's 413 says what the limit is and that the code is kept in the editor", async () => {
    if (!ep.codeField) return;
    const res = await send(ep, { body: JSON.stringify({ ...ep.valid(), [ep.codeField]: bytes(MAX_CODE_BYTES + 1) }) });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatch(/limit is 64 KiB/);
    expect(res.body.error).toMatch(/still in your editor/);
  });

  test("a streamed body with no length is cut at the limit, not read to its end", async () => {
    const chunk = new Uint8Array(16 * 1024).fill(0x61);
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    await expectRefused(await send(ep, { body: endless }), 413);
    // The reader stops within a chunk or two of the limit (plus the stream's own read-ahead).
    expect(pulled).toBeLessThanOrEqual(ep.limitBytes + 4 * chunk.byteLength);
  });
});

// Endpoints that address an object by id (preferences are the caller's own: no id to abuse).
const ADDRESSED = BODY_ENDPOINTS.filter((e) => e.signedIn && Object.keys(e.params("x")).length > 0);

describe.each(ADDRESSED.map((ep) => [ep.name, ep] as const))("%s: whose object", (_name, ep) => {
  test.each<[string, number, string]>([
    ["a non-existent exercise id", 404, "00000000-0000-4000-8000-000000000000"],
    ["a 10 000-character id", 404, "x".repeat(10_000)],
    ["a path-traversal id", 404, "../../admin"],
    ["an id with a NUL byte", 404, "abc\u0000def"],
  ])("%s → %i", async (_label, status, id) => {
    const before = await rowCounts();
    await expectRefused(await send(ep, { body: JSON.stringify(ep.valid()) }, id), status);
    expect(await rowCounts()).toEqual(before);
  });

  test("without a session → 401, even with a valid body", async () => {
    const res = await callRoute(
      ep.handler,
      ep.page,
      new Request(`http://localhost${ep.url(exerciseId)}`, {
        method: ep.method,
        headers: { "content-type": "application/json" },
        body: JSON.stringify(ep.valid()),
      }),
      { params: Promise.resolve(ep.params(exerciseId)) },
    );
    await expectRefused(res, 401);
  });
});

describe.each(PARAM_ENDPOINTS.map((ep) => [ep.name, ep] as const))("%s: bad or foreign ids", (_name, ep) => {
  async function get(id: string, who: string | null) {
    const headers: Record<string, string> = who ? { cookie: who } : {};
    return callRoute(ep.handler, ep.page, new Request(`http://localhost${ep.url(id)}`, { headers }), {
      params: Promise.resolve({ id }),
    });
  }

  test.each([
    ["a non-existent id", "00000000-0000-4000-8000-000000000000"],
    ["a 10 000-character id", "y".repeat(10_000)],
    ["a path-traversal id", "../../admin"],
    ["an SQL-looking id", "' OR '1'='1"],
  ])("%s → 404 with a message", async (_label, id) => {
    await expectRefused(await get(id, ep.as === "instructor" ? instructorCookie : cookie), 404);
  });

  test("without a session → 401", async () => {
    await expectRefused(await get(exerciseId, null), 401);
  });
});

test("another learner's submission is a 404 to the status route, as if it did not exist", async () => {
  const owner = await createUser(db);
  const submission = await db.submission.create({
    data: {
      userId: owner.id,
      exerciseId,
      code: "secret = 'owner only'",
      exerciseHash: "h",
      state: "DONE",
      verdict: "PASSED",
    },
  });
  const res = await callRoute(
    getSubmissionRoute as unknown as Handler,
    "/api/submissions/[id]",
    new Request(`http://localhost/api/submissions/${submission.id}`, { headers: { cookie } }),
    { params: Promise.resolve({ id: submission.id }) },
  );
  await expectRefused(res, 404);
  expect(JSON.stringify(res.body)).not.toContain("owner only");

  // And the exercise's submission list shows only the caller's own.
  const list = await callRoute(
    listSubmissionsRoute as unknown as Handler,
    "/api/exercises/[id]/submissions",
    new Request(`http://localhost/api/exercises/${exerciseId}/submissions`, { headers: { cookie } }),
    { params: Promise.resolve({ id: exerciseId }) },
  );
  expect(list.status).toBe(200);
  expect(JSON.stringify(list.body)).not.toContain("owner only");
});

test("extra fields cannot pick whose data it is or forge state (they are ignored, the session decides)", async () => {
  const other = await createUser(db);
  const draftEp = BODY_ENDPOINTS.find((e) => e.name === "draft")!;
  const saved = await send(draftEp, {
    body: JSON.stringify({ code: "mine = 1", userId: other.id, user: { id: other.id }, exerciseId: "elsewhere" }),
  });
  expect(saved.status).toBe(200);
  expect(await db.draft.findMany({ where: { userId: other.id } })).toEqual([]);
  expect(
    await db.draft.findUniqueOrThrow({ where: { userId_exerciseId: { userId: learner.id, exerciseId } } }),
  ).toMatchObject({
    code: "mine = 1",
  });

  const signUpEp = BODY_ENDPOINTS.find((e) => e.name === "sign-up")!;
  const body: Record<string, unknown> = { ...signUpEp.valid(), role: "ADMIN", sessionVersion: 99, passwordHash: "x" };
  const created = await send(signUpEp, { body: JSON.stringify(body) });
  expect(created.status).toBe(201);
  const user = await db.user.findUniqueOrThrow({ where: { email: String(body.email) } });
  expect({ role: user.role, sessionVersion: user.sessionVersion, forgedHash: user.passwordHash === "x" }).toEqual({
    role: "LEARNER",
    sessionVersion: 0,
    forgedHash: false,
  });
});
