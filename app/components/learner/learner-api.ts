/**
 * Typed calls from the exercise page to the learner API (app/api/exercises/**,
 * app/api/submissions/**). Every call throws ApiError with the server's
 * message on a non-2xx answer, so components show what went wrong.
 */
import type { SubmissionDTO } from "@/lib/submissions/submission-dto";

export type { SubmissionDTO };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(url: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  let res: Response;
  try {
    res = await fetch(url, {
      ...rest,
      headers: { ...(json !== undefined ? { "content-type": "application/json" } : {}), ...rest.headers },
      body: json !== undefined ? JSON.stringify(json) : rest.body,
      cache: "no-store",
    });
  } catch {
    throw new ApiError(0, "Could not reach the server. Check your connection and try again.");
  }
  const body = (await res.json().catch(() => null)) as { error?: string } | null;
  if (!res.ok) {
    throw new ApiError(res.status, body?.error ?? `The server answered ${res.status}.`);
  }
  return body as T;
}

const exerciseUrl = (exerciseId: string, rest: string) => `/api/exercises/${encodeURIComponent(exerciseId)}/${rest}`;

export function saveDraft(exerciseId: string, code: string, signal?: AbortSignal) {
  return call<{ savedAt: string }>(exerciseUrl(exerciseId, "draft"), { method: "PUT", json: { code }, signal });
}

export function revealHint(exerciseId: string, index: number) {
  return call<{ hints: string[]; hintsUsed: number }>(exerciseUrl(exerciseId, "hints"), {
    method: "POST",
    json: { index },
  });
}

export type ClientVerdict = "PASSED" | "FAILED" | "ERROR" | "TIMEOUT" | "CRASHED";

export function createSubmission(exerciseId: string, code: string, clientVerdict?: ClientVerdict) {
  return call<{ submission: SubmissionDTO }>(exerciseUrl(exerciseId, "submissions"), {
    method: "POST",
    json: clientVerdict ? { code, clientVerdict } : { code },
  });
}

export function getSubmission(submissionId: string) {
  return call<{ submission: SubmissionDTO }>(`/api/submissions/${encodeURIComponent(submissionId)}`);
}

export function listSubmissions(exerciseId: string) {
  return call<{ submissions: SubmissionDTO[] }>(exerciseUrl(exerciseId, "submissions"));
}

export const isSettled = (s: SubmissionDTO) => s.state === "DONE" || s.state === "ERRORED";

/**
 * Poll a submission until the server has verified it (or gave up). Interval
 * grows from 0.5 s to 2 s: most verifications take 1–3 s, a queue can take longer.
 */
export async function waitForVerdict(submission: SubmissionDTO, signal: AbortSignal): Promise<SubmissionDTO> {
  let current = submission;
  let delay = 500;
  while (!isSettled(current)) {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, delay);
      signal.addEventListener("abort", () => {
        clearTimeout(timer);
        reject(new DOMException("aborted", "AbortError"));
      });
    });
    delay = Math.min(delay * 1.5, 2000);
    current = (await getSubmission(current.id)).submission;
  }
  return current;
}
