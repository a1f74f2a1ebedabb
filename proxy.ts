/**
 * Per-request response headers that next.config.ts cannot express.
 *
 * Only the Python worker script: its Content-Security-Policy names the
 * request's own origin (lib/runner/worker-csp.ts), so that learner code in the
 * worker cannot use the viewer's session (an instructor running a learner's
 * submission from the review page, say).
 */
import { NextResponse, type NextRequest } from "next/server";
import { workerContentSecurityPolicy } from "@/lib/runner/worker-csp";

export function proxy(request: NextRequest) {
  const response = NextResponse.next();
  // The origin the browser used: Host as sent (a reverse proxy must pass it
  // through), scheme from the proxy's X-Forwarded-Proto when there is one.
  const host = request.headers.get("host") ?? "";
  const scheme =
    request.headers.get("x-forwarded-proto") === "https" ? "https" : request.nextUrl.protocol.replace(":", "");
  response.headers.set("Content-Security-Policy", workerContentSecurityPolicy(`${scheme}://${host}`));
  return response;
}

export const config = {
  matcher: "/runner/worker.mjs",
};
