import { notFound } from "next/navigation";
import { AuthError } from "@/lib/auth/errors";

/** A dashboard read whose 404 (not this actor's cohort, learner or exercise) becomes the not-found page. */
export async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (e) {
    if (e instanceof AuthError && e.status === 404) notFound();
    throw e;
  }
}

/** A whole-number search parameter, or undefined (the domain's default) for anything else. */
export function intParam(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s && /^\d{1,6}$/.test(s) ? s : undefined;
}
