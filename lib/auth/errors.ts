/**
 * Typed authorization errors. Data-access functions throw them; route
 * handlers turn them into 401/403/404 (lib/http/respond.ts) and pages into a
 * redirect or notFound(). Never a 500.
 */
export class AuthError extends Error {
  constructor(
    readonly status: 401 | 403 | 404,
    message: string,
  ) {
    super(message);
    this.name = "AuthError";
  }
}

export const notSignedIn = () => new AuthError(401, "Please sign in.");
export const forbidden = (what = "do that") => new AuthError(403, `You are not allowed to ${what}.`);
/** Used instead of 403 where admitting the object exists would leak information. */
export const notFound = (what = "That") => new AuthError(404, `${what} was not found.`);
