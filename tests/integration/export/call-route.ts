/**
 * Run a route handler inside Next's request scope with a real session cookie
 * and return the raw Response (the shared helper in ../submissions parses
 * JSON; a CSV download is text). Same Next internals as that helper.
 */
import { workAsyncStorage } from "next/dist/server/app-render/work-async-storage.external";
import { workUnitAsyncStorage } from "next/dist/server/app-render/work-unit-async-storage.external";
import { createRequestStoreForAPI } from "next/dist/server/async-storage/request-store";
import { createWorkStore } from "next/dist/server/async-storage/work-store";

export async function callRouteRaw<C>(
  handler: (req: Request, ctx: C) => Promise<Response>,
  page: string,
  path: string,
  cookie: string | null,
  ctx: C,
): Promise<Response> {
  const req = new Request(`http://localhost${path}`, { headers: cookie ? { cookie } : {} });
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
    renderOpts: { experimental: {} } as never,
    buildId: "test",
    previouslyRevalidatedTags: [],
  } as never);
  return workUnitAsyncStorage.run(requestStore, () => workAsyncStorage.run(workStore, () => handler(req, ctx)));
}
