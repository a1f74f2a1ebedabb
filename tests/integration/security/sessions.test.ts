/**
 * Sessions and sign-in limits on the real route handlers and database:
 * an expired session token is no session; a token whose session version is
 * stale (after sign-out or "sign out everywhere") is no session; a deleted
 * user's token is no session; a token signed with another secret is no
 * session. The sign-in rate limit counts failures per account and per IP in a
 * sliding window. Over HTTP with the real next-auth flow, the same is tested
 * in tests/e2e/authorization-matrix.e2e.test.ts.
 */
import "../submissions/next-server-env";
import { DIRECT_CLIENT } from "@/lib/auth/client-ip";
import { encode } from "next-auth/jwt";
import { GET as listSubmissionsRoute } from "@/app/api/exercises/[id]/submissions/route";
import { authOptions } from "@/lib/auth/options";
import { env } from "@/lib/env";
import {
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_IP,
  recordSignInAttempt,
  SIGN_IN_WINDOW_MS,
  signInBlocked,
} from "@/lib/auth/rate-limit";
import { getJobRunner } from "@/lib/jobs/process-jobs";
import { testDb } from "../../setup/db";
import { callRoute, SESSION_COOKIE } from "../submissions/next-request-scope";
import { createExercise, createUser } from "../submissions/support";

const db = testDb();
afterAll(async () => {
  await getJobRunner(db)?.close();
  await db.$disconnect();
});

let exerciseId: string;
beforeAll(async () => {
  exerciseId = await createExercise(db);
});

async function cookieFor(uid: string, opts: { sv?: number; maxAge?: number; secret?: string } = {}) {
  const token = await encode({
    token: { uid, sv: opts.sv ?? 0 },
    secret: opts.secret ?? process.env.NEXTAUTH_SECRET!,
    maxAge: opts.maxAge,
  });
  return `${SESSION_COOKIE}=${token}`;
}

async function statusWith(cookie: string) {
  const res = await callRoute(
    listSubmissionsRoute,
    "/api/exercises/[id]/submissions",
    new Request(`http://localhost/api/exercises/${exerciseId}/submissions`, { headers: { cookie } }),
    { params: Promise.resolve({ id: exerciseId }) },
  );
  return res.status;
}

test("sessions last SESSION_MAX_AGE and are JWTs in a cookie", () => {
  expect(authOptions().session).toEqual({ strategy: "jwt", maxAge: env.SESSION_MAX_AGE });
});

test("a fresh token works; the same user's expired token is refused (401)", async () => {
  const user = await createUser(db);
  expect(await statusWith(await cookieFor(user.id, { maxAge: 60 }))).toBe(200);
  // Past next-auth's 15 s clock tolerance.
  expect(await statusWith(await cookieFor(user.id, { maxAge: -60 }))).toBe(401);
});

test("a stale session version (after sign-out) is refused; the new version works", async () => {
  const user = await createUser(db);
  const before = await cookieFor(user.id, { sv: 0 });
  expect(await statusWith(before)).toBe(200);
  // What next-auth's signOut event does (lib/auth/options.ts).
  await db.user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
  expect(await statusWith(before)).toBe(401);
  expect(await statusWith(await cookieFor(user.id, { sv: 1 }))).toBe(200);
});

test("a deleted user's token and a token signed with another secret are refused", async () => {
  const user = await createUser(db);
  const cookie = await cookieFor(user.id);
  expect(await statusWith(await cookieFor(user.id, { secret: "another secret, another secret, 32+ chars" }))).toBe(401);
  await db.user.delete({ where: { id: user.id } });
  expect(await statusWith(cookie)).toBe(401);
});

describe("sign-in rate limit", () => {
  const t0 = new Date("2026-01-01T12:00:00Z");

  async function fail(email: string, ip: string, times: number, at = t0) {
    for (let i = 0; i < times; i++) {
      await db.signInAttempt.create({ data: { email, ip, success: false, createdAt: at } });
    }
  }

  test("per account: the 10th failure blocks the account from any address, for the window only", async () => {
    const email = "rl-account@example.com";
    await fail(email, "192.0.2.1", MAX_FAILURES_PER_ACCOUNT - 1);
    expect(await signInBlocked(db, email, "198.51.100.9", t0)).toBe(false);
    await fail(email, "192.0.2.2", 1);
    expect(await signInBlocked(db, email, "198.51.100.9", t0)).toBe(true);
    expect(await signInBlocked(db, "someone-else@example.com", "198.51.100.9", t0)).toBe(false);
    // The window slides: once the failures are older than it, the account is free again.
    expect(await signInBlocked(db, email, "198.51.100.9", new Date(t0.getTime() + SIGN_IN_WINDOW_MS + 1))).toBe(false);
  });

  test("per IP: 50 failures across accounts block that address, not others", async () => {
    const ip = "203.0.113.7";
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) await fail(`rl-spray-${i}@example.com`, ip, 1);
    expect(await signInBlocked(db, "valid@example.com", ip, t0)).toBe(true);
    expect(await signInBlocked(db, "valid@example.com", "203.0.113.8", t0)).toBe(false);
  });

  test("without a trusted proxy there is no client address: failures from everyone never lock everyone out", async () => {
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) await fail(`rl-direct-${i}@example.com`, DIRECT_CLIENT, 1);
    expect(await signInBlocked(db, "valid-direct@example.com", DIRECT_CLIENT, t0)).toBe(false);
    // The per-account limit still holds.
    await fail("rl-direct-account@example.com", DIRECT_CLIENT, MAX_FAILURES_PER_ACCOUNT);
    expect(await signInBlocked(db, "rl-direct-account@example.com", DIRECT_CLIENT, t0)).toBe(true);
  });

  test("a success does not wipe the IP's failures (one valid account cannot unlock guessing)", async () => {
    const ip = "203.0.113.50";
    await fail("rl-victim@example.com", ip, MAX_FAILURES_PER_IP - 1, new Date());
    await recordSignInAttempt(db, "rl-attacker@example.com", ip, true);
    await fail("rl-victim2@example.com", ip, 1, new Date());
    expect(await signInBlocked(db, "rl-attacker@example.com", ip)).toBe(true);
  });
});
