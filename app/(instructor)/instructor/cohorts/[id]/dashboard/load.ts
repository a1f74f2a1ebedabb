export { orNotFound } from "@/lib/auth/page-guard";

/** A whole-number search parameter, or undefined (the domain's default) for anything else. */
export function intParam(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s && /^\d{1,6}$/.test(s) ? s : undefined;
}
