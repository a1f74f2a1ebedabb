/**
 * Size limits for learner code (submissions and drafts).
 *
 * The limit is on the code's UTF-8 bytes, not on the request body: JSON
 * escaping can grow a body up to six times (`\u00e9`), so the body limit is
 * generous and the precise 64 KiB rule is applied to the decoded string, where
 * the learner gets a clear 413 instead of a generic "body too large".
 */
import { HttpError } from "../http/errors";

export const MAX_CODE_BYTES = 64 * 1024;

/** Request-body cap for endpoints that carry code: worst-case JSON escaping plus room for other fields. */
export const CODE_BODY_LIMIT_BYTES = MAX_CODE_BYTES * 6 + 4 * 1024;

export function codeBytes(code: string): number {
  return Buffer.byteLength(code, "utf8");
}

/** 413 when the code is over the limit; the message says by how much, so the learner knows what to cut. */
export function assertCodeFits(code: string): void {
  const bytes = codeBytes(code);
  if (bytes > MAX_CODE_BYTES) {
    throw new HttpError(
      413,
      `Your code is ${Math.ceil(bytes / 1024)} KiB; the limit is ${MAX_CODE_BYTES / 1024} KiB. ` +
        "It is still in your editor: shorten it and try again.",
    );
  }
}
