/**
 * Sign-up through the real route handler and a real SQLite database:
 * bad input gets a clear message and leaves no partial user row.
 */
import { POST } from "@/app/api/signup/route";
import { verifyPassword } from "@/lib/auth/password";
import { testDb } from "../../setup/db";

const db = testDb();
afterAll(() => db.$disconnect());

function post(body: string, headers: Record<string, string> = {}) {
  return POST(
    new Request("http://localhost/api/signup", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
    }),
  );
}

const valid = { name: "Grace Hopper", email: "grace@example.com", password: "correct horse battery" };

test("a valid sign-up creates one learner with a hashed password", async () => {
  const res = await post(JSON.stringify(valid));
  expect(res.status).toBe(201);
  const user = await db.user.findUniqueOrThrow({ where: { email: "grace@example.com" } });
  expect(user.role).toBe("LEARNER");
  expect(user.passwordHash).not.toContain(valid.password);
  expect(await verifyPassword(valid.password, user.passwordHash!)).toBe(true);
});

test("emails are normalised, so a second sign-up with other casing is refused", async () => {
  const res = await post(JSON.stringify({ ...valid, email: "  GRACE@Example.com " }));
  expect(res.status).toBe(409);
  expect((await res.json()).error).toMatch(/already exists/);
  expect(await db.user.count({ where: { email: "grace@example.com" } })).toBe(1);
});

test.each([
  ["a bad email", { ...valid, email: "not-an-email" }, /valid email/],
  ["a short password", { ...valid, email: "a@example.com", password: "short" }, /at least 10/],
  ["a missing name", { email: "b@example.com", password: "long enough password" }, /name|expected string/i],
  ["a name with control characters", { ...valid, email: "c@example.com", name: "Eve\u0000" }, /control characters/],
  ["a password past bcrypt's 72 bytes", { ...valid, email: "d@example.com", password: "é".repeat(40) }, /72 bytes/],
  ["a wrong type", { ...valid, email: 42 }, /expected string|valid email/i],
])("%s is refused with a clear message and no user row", async (_label, body, message) => {
  const before = await db.user.count();
  const res = await post(JSON.stringify(body));
  expect(res.status).toBe(400);
  const data = await res.json();
  expect(data.error).toMatch(message);
  expect(await db.user.count()).toBe(before);
});

test("malformed JSON gets 400, not 500", async () => {
  const res = await post("{not json");
  expect(res.status).toBe(400);
  expect((await res.json()).error).toMatch(/not valid JSON/);
});

test("a 1 MB body is refused with 413 before it is parsed, and no user is created", async () => {
  const before = await db.user.count();
  const huge = JSON.stringify({ ...valid, email: "huge@example.com", name: "x".repeat(1024 * 1024) });
  const res = await post(huge);
  expect(res.status).toBe(413);
  expect((await res.json()).error).toMatch(/too large/);
  expect(await db.user.count()).toBe(before);
});

test("a body that lies about its length is still cut at the limit", async () => {
  const huge = JSON.stringify({ ...valid, email: "liar@example.com", name: "x".repeat(1024 * 1024) });
  const res = await post(huge, { "content-length": "10" });
  expect(res.status).toBe(413);
  expect(await db.user.count({ where: { email: "liar@example.com" } })).toBe(0);
});
