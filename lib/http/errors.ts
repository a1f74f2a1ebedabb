/**
 * Errors with an HTTP meaning that domain code may throw without depending on
 * the web framework: lib/http/respond.ts turns them into JSON responses.
 */
import type { z } from "zod";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: Record<string, string>,
  ) {
    super(message);
  }
}

/** Parse input with a zod schema; a mismatch is a 400 naming the first bad field. */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const details: Record<string, string> = {};
    for (const issue of parsed.error.issues) details[issue.path.join(".") || "body"] ??= issue.message;
    throw new HttpError(400, Object.values(details)[0] ?? "Invalid request.", details);
  }
  return parsed.data;
}
