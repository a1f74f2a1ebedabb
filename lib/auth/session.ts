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
import { decode, getToken, type JWT, type JWTDecodeParams } from "next-auth/jwt";
import { db } from "../db/client";
import { authSecret } from "../env";
import { notSignedIn, forbidden } from "./errors";
import { can, type Permission } from "./permissions";
import type { Role } from "../db/generated/enums";

export type SessionUser = { id: string; email: string; name: string; role: Role };

/**
 * Decoded session cookies, by their exact string. Decoding derives the key
 * (HKDF) and decrypts the JWE on every request — about 1 ms of the event
 * loop, the largest auth cost under load (profile of the 100-learner submit
 * burst). The same string always decodes to the same payload, so the result
 * is reused until the token's own expiry (at most TOKEN_CACHE_MS). This does
 * not touch revocation: the user's sessionVersion and role are still read
 * from the database on every call below.
 */
const TOKEN_CACHE_MS = 60_000;
const TOKEN_CACHE_SIZE = 5_000;
const decodedTokens = new Map<string, { payload: JWT; until: number }>();

async function decodeCached(params: JWTDecodeParams): Promise<JWT | null> {
  const { token } = params;
  if (!token) return null;
  const now = Date.now();
  const hit = decodedTokens.get(token);
  if (hit && hit.until > now) return hit.payload;
  if (hit) decodedTokens.delete(token);
  const payload = await decode(params); // throws on a bad token: getToken then answers null, nothing is cached
  if (payload) {
    const expiresAt = typeof payload.exp === "number" ? payload.exp * 1000 : now;
    const until = Math.min(now + TOKEN_CACHE_MS, expiresAt);
    if (until > now) {
      // Oldest first out: a Map iterates in insertion order.
      if (decodedTokens.size >= TOKEN_CACHE_SIZE) decodedTokens.delete(decodedTokens.keys().next().value!);
      decodedTokens.set(token, { payload: Object.freeze(payload), until });
    }
  }
  return payload;
}

async function readToken() {
  const cookieStore = await cookies();
  const headerList = await headers();
  // getToken wants a request-like object; the cookie and header stores suffice.
  const req = {
    cookies: Object.fromEntries(cookieStore.getAll().map((c) => [c.name, c.value])),
    headers: Object.fromEntries(headerList.entries()),
  };
  return getToken({ req: req as never, secret: authSecret(), decode: decodeCached });
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
