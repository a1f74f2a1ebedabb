import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import { AuthError } from "./errors";
import { getCurrentUser, type SessionUser } from "./session";
import { can, type Permission } from "./permissions";

/**
 * For pages: the signed-in user, or a redirect to sign-in (with a way back),
 * or Next's 403 page when the role lacks the permission.
 */
export async function requirePageUser(returnTo: string, permission?: Permission): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (permission && !can(user.role, permission)) forbidden();
  return user;
}

/** A page's read whose 404 (not there, or not this actor's to see) becomes Next's not-found page. */
export async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (e) {
    if (e instanceof AuthError && e.status === 404) notFound();
    throw e;
  }
}

/** For pages a guest may try too: the signed-in user (held to `permission`), or null for a guest. */
export async function optionalPageUser(permission: Permission): Promise<SessionUser | null> {
  const user = await getCurrentUser();
  if (user && !can(user.role, permission)) forbidden();
  return user;
}
