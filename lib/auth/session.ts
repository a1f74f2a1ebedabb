/**
 * Who is asking. Every page, route handler and server action starts here.
 *
 * The JWT only proves identity (uid + session version); role and existence are
 * read from the database on every call, so a promotion, demotion or sign-out
 * takes effect at once. A page-level check does not protect the server actions
 * it renders, so each action calls requireUser/requirePermission again.
 */
import "server-only";
import { cookies, headers } from "next/headers";
import { getToken } from "next-auth/jwt";
import { db } from "../db/client";
import { authSecret } from "../env";
import { notSignedIn, forbidden } from "./errors";
import { can, type Permission } from "./permissions";
import type { Role } from "../db/generated/enums";

export type SessionUser = { id: string; email: string; name: string; role: Role };

async function readToken() {
  const cookieStore = await cookies();
  const headerList = await headers();
  // getToken wants a request-like object; the cookie and header stores suffice.
  const req = {
    cookies: Object.fromEntries(cookieStore.getAll().map((c) => [c.name, c.value])),
    headers: Object.fromEntries(headerList.entries()),
  };
  return getToken({ req: req as never, secret: authSecret() });
}

export async function getCurrentUser(): Promise<SessionUser | null> {
  const token = await readToken();
  if (!token?.uid) return null;
  const user = await db.user.findUnique({
    where: { id: String(token.uid) },
    select: { id: true, email: true, name: true, role: true, sessionVersion: true },
  });
  if (!user || user.sessionVersion !== token.sv) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) throw notSignedIn();
  return user;
}

export async function requirePermission(permission: Permission, what?: string): Promise<SessionUser> {
  const user = await requireUser();
  if (!can(user.role, permission)) throw forbidden(what);
  return user;
}
