import "server-only";
import { forbidden, redirect } from "next/navigation";
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
