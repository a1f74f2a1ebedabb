/**
 * Roles: the permission table, and the role change an admin makes — with the
 * check inside the data-access function, so no caller can skip it.
 */
import { can, ROLE_PERMISSIONS } from "@/lib/auth/permissions";
import { AuthError } from "@/lib/auth/errors";
import { setUserRole, listUsers } from "@/lib/users/set-role";
import type { SessionUser } from "@/lib/auth/session";
import { testDb } from "../../setup/db";

const db = testDb();
afterAll(() => db.$disconnect());

async function makeUser(role: "LEARNER" | "INSTRUCTOR" | "ADMIN", email: string): Promise<SessionUser> {
  const u = await db.user.create({ data: { email, name: email.split("@")[0], role } });
  return { id: u.id, email: u.email, name: u.name, role: u.role };
}

test("learners can solve but not manage; instructors manage but cannot promote; admins can do everything", () => {
  expect(can("LEARNER", "exercise:solve")).toBe(true);
  expect(can("LEARNER", "cohort:manage")).toBe(false);
  expect(can("LEARNER", "content:preview")).toBe(false);
  expect(can("INSTRUCTOR", "cohort:manage")).toBe(true);
  expect(can("INSTRUCTOR", "submission:review")).toBe(true);
  expect(can("INSTRUCTOR", "user:promote")).toBe(false);
  expect(can("INSTRUCTOR", "cohort:all")).toBe(false);
  for (const p of ROLE_PERMISSIONS.INSTRUCTOR) expect(can("ADMIN", p)).toBe(true);
  expect(can("ADMIN", "user:promote")).toBe(true);
});

test("an admin promotes a learner to instructor", async () => {
  const admin = await makeUser("ADMIN", "root@example.com");
  const learner = await makeUser("LEARNER", "lea@example.com");
  await setUserRole(db, admin, { userId: learner.id, role: "INSTRUCTOR" });
  expect((await db.user.findUniqueOrThrow({ where: { id: learner.id } })).role).toBe("INSTRUCTOR");
});

test.each(["LEARNER", "INSTRUCTOR"] as const)("a %s cannot change anyone's role, including their own", async (role) => {
  const actor = await makeUser(role, `${role.toLowerCase()}-actor@example.com`);
  const other = await makeUser("LEARNER", `${role.toLowerCase()}-other@example.com`);
  for (const target of [actor.id, other.id]) {
    await expect(setUserRole(db, actor, { userId: target, role: "ADMIN" })).rejects.toMatchObject({ status: 403 });
  }
  await expect(listUsers(db, actor)).rejects.toBeInstanceOf(AuthError);
  expect((await db.user.findUniqueOrThrow({ where: { id: actor.id } })).role).toBe(role);
});

test("an admin cannot remove their own admin role (no lock-out)", async () => {
  const admin = await makeUser("ADMIN", "solo-admin@example.com");
  await expect(setUserRole(db, admin, { userId: admin.id, role: "LEARNER" })).rejects.toMatchObject({ status: 403 });
});

test("bad input is refused and unknown users are 404", async () => {
  const admin = await makeUser("ADMIN", "admin2@example.com");
  await expect(setUserRole(db, admin, { userId: "x", role: "KING" })).rejects.toThrow();
  await expect(setUserRole(db, admin, { userId: "does-not-exist", role: "INSTRUCTOR" })).rejects.toMatchObject({
    status: 404,
  });
});
