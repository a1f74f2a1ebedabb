/**
 * Where to go back to after signing in or up: only same-site paths are
 * followed (no open redirect through `callbackUrl`).
 */
export function safeReturnPath(value: string | string[] | null | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  return v && v.startsWith("/") && !v.startsWith("//") && !v.startsWith("/\\") ? v : "/";
}

/** `path` with `?callbackUrl=` when there is somewhere to go back to. */
export function withReturnPath(path: string, returnTo: string): string {
  return returnTo === "/" ? path : `${path}?callbackUrl=${encodeURIComponent(returnTo)}`;
}
