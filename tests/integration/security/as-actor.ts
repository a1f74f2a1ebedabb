/**
 * Run a server action the way Next runs it for a POST from a page: inside
 * Next's request scope, with the caller's real next-auth session cookie (or
 * none). The action's own requireUser()/requirePermission() reads that cookie
 * and the user from the database; nothing about auth is mocked.
 *
 * Uses the same Next internals as ../submissions/next-request-scope.ts (the
 * one other place to fix if a Next upgrade moves them).
 */
import { workAsyncStorage } from "next/dist/server/app-render/work-async-storage.external";
import { workUnitAsyncStorage } from "next/dist/server/app-render/work-unit-async-storage.external";
import { createRequestStoreForAPI } from "next/dist/server/async-storage/request-store";
import { createWorkStore } from "next/dist/server/async-storage/work-store";

export async function asActor<T>(cookie: string | null, page: string, fn: () => Promise<T>): Promise<T> {
  const req = new Request(`http://localhost${page}`, { method: "POST", headers: cookie ? { cookie } : {} });
  const requestStore = createRequestStoreForAPI(
    req as never,
    new URL(req.url) as never,
    { tags: [], expirationsByCacheKind: new Map() } as never,
    undefined,
    undefined as never,
    undefined,
  );
  const workStore = createWorkStore({
    page,
    // revalidatePath() only records tags on the work store when a cache is
    // present; the cache itself is not what these tests are about.
    renderOpts: { experimental: {}, incrementalCache: {} } as never,
    buildId: "test",
    previouslyRevalidatedTags: [],
  } as never);
  return workUnitAsyncStorage.run(requestStore, () => workAsyncStorage.run(workStore, fn));
}

/** What redirect() throws: the action succeeded and sends the browser on. */
export function redirectTarget(e: unknown): string | null {
  const digest = (e as { digest?: unknown })?.digest;
  if (typeof digest !== "string" || !digest.startsWith("NEXT_REDIRECT")) return null;
  return digest.split(";")[2] ?? "";
}

export function form(fields: Record<string, string | string[]>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) f.append(k, one);
  return f;
}
