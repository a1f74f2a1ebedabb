/**
 * Route-handler glue: read a JSON body within a size limit, and turn the
 * domain's errors into clear JSON responses. Every handler goes through
 * `handle()`, so a malformed request gets a 4xx with a message, never a 500.
 */
import { NextResponse } from "next/server";
import { AuthError } from "../auth/errors";
import { HttpError } from "./errors";
import { formatBytes } from "../format/bytes";

export { HttpError, parseWith } from "./errors";

export function jsonError(status: number, error: string, details?: Record<string, string>) {
  return NextResponse.json({ error, ...(details ? { fieldErrors: details } : {}) }, { status });
}

/**
 * Read and parse a JSON body, refusing bodies over `limitBytes` without
 * buffering them whole (the stream is cut as soon as the limit is passed).
 */
export async function readJson(req: Request, limitBytes: number): Promise<unknown> {
  // Only JSON is accepted: a cross-site form or a "simple" fetch cannot send
  // this content type without a CORS preflight, so the check also shuts the
  // door on cross-site requests riding on the session cookie.
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") throw new HttpError(415, "Send the request body as application/json.");
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limitBytes) throw new HttpError(413, `Request body too large (limit ${formatBytes(limitBytes)}).`);
  if (!req.body) throw new HttpError(400, "Request body is required.");
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limitBytes) {
      await reader.cancel();
      throw new HttpError(413, `Request body too large (limit ${formatBytes(limitBytes)}).`);
    }
    chunks.push(value);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new HttpError(400, "Request body is not valid UTF-8.");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, "Request body is not valid JSON.");
  }
  // JSON escapes can spell a lone surrogate ("\ud800") in valid UTF-8; such a
  // string is not text, cannot be stored faithfully and would reach Python.
  // A NUL ("\u0000") is refused too: PostgreSQL cannot store it in text, and
  // both databases must give the same answer.
  const bad = unstorableString(value);
  if (bad === "a lone surrogate") throw new HttpError(400, "Request body contains invalid Unicode (a lone surrogate).");
  if (bad) throw new HttpError(400, "Request body contains control characters that cannot be stored (NUL).");
  return value;
}

/** A string that is not storable text: a lone surrogate, or a NUL character (PostgreSQL cannot store one). */
function unstorableString(value: unknown): "a lone surrogate" | "a NUL character" | null {
  // Iterative, so a deeply nested body cannot overflow the stack here.
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === "string") {
      if (!v.isWellFormed()) return "a lone surrogate";
      if (v.includes("\u0000")) return "a NUL character";
    } else if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
    } else if (v !== null && typeof v === "object") {
      for (const [k, inner] of Object.entries(v)) {
        if (!k.isWellFormed()) return "a lone surrogate";
        if (k.includes("\u0000")) return "a NUL character";
        stack.push(inner);
      }
    }
  }
  return null;
}

/** Wrap a handler: known errors become their status, anything else a logged 500 with no internals. */
export function handle<A extends unknown[]>(fn: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return await fn(...args);
    } catch (e) {
      if (e instanceof HttpError) return jsonError(e.status, e.message, e.details);
      if (e instanceof AuthError) return jsonError(e.status, e.message);
      console.error("[api] unexpected error", e);
      return jsonError(500, "Something went wrong on our side. Your data is safe; please try again.");
    }
  };
}
