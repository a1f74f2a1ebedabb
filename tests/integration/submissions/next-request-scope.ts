/**
 * Run an App Router route handler the way Next runs it: inside Next's request
 * scope (the async-local stores `cookies()` and `headers()` read), with a real
 * next-auth session cookie minted with the app's secret. No mock of auth: the
 * handler's own `requireUser()` decodes the JWT and reads the user from the
 * database.
 *
 * This uses Next's internal modules (`next/dist/server/...`), the same calls
 * its AppRouteRouteModule makes (createRequestStoreForAPI, createWorkStore).
 * They are not a public API: if a Next upgrade moves them, this helper is the
 * one place to fix.
 */
import { encode } from "next-auth/jwt";
import { workAsyncStorage } from "next/dist/server/app-render/work-async-storage.external";
import { workUnitAsyncStorage } from "next/dist/server/app-render/work-unit-async-storage.external";
import { createRequestStoreForAPI } from "next/dist/server/async-storage/request-store";
import { createWorkStore } from "next/dist/server/async-storage/work-store";

export const SESSION_COOKIE = "next-auth.session-token";

/** A session cookie as next-auth would set it at sign-in (uid + session version). */
export async function sessionCookieFor(userId: string, sessionVersion = 0): Promise<string> {
  const token = await encode({ token: { uid: userId, sv: sessionVersion }, secret: process.env.NEXTAUTH_SECRET! });
  return `${SESSION_COOKIE}=${token}`;
}

type Handler<C> = (req: Request, ctx: C) => Promise<Response>;

/** Runs a route handler inside the request scope `next start` gives it; the Response as is. */
export async function routeResponse<C>(handler: Handler<C>, page: string, req: Request, ctx: C): Promise<Response> {
  const url = new URL(req.url);
  const requestStore = createRequestStoreForAPI(
    req as never,
    url as never,
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
  const response = await workUnitAsyncStorage.run(requestStore, () =>
    workAsyncStorage.run(workStore, () => handler(req, ctx)),
  );
  return response;
}

export function jsonRequest(method: string, path: string, cookie: string | null, body?: unknown): Request {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (cookie) headers.cookie = cookie;
  return new Request(`http://localhost${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** The handler's answer as status and JSON body. */
export async function callRoute<C>(
  handler: Handler<C>,
  page: string,
  req: Request,
  ctx: C,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await routeResponse(handler, page, req, ctx);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
