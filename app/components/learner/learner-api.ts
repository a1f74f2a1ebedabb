/**
 * Typed calls from the exercise page to the learner API (app/api/exercises/**,
 * app/api/submissions/**). Every call throws ApiError with the server's
 * message on a non-2xx answer, so components show what went wrong.
 */
import type { SubmissionDTO } from "@/lib/submissions/submission-dto";
import { followVerdict } from "@/lib/submissions/follow-verdict";

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

export function savePreferences(preferences: { editorFontSize: number }) {
  return call<{ editorFontSize: number }>("/api/me/preferences", { method: "PUT", json: preferences });
}

export type ClientVerdict = "PASSED" | "FAILED" | "ERROR" | "TIMEOUT" | "CRASHED";

export function createSubmission(exerciseId: string, code: string, clientVerdict?: ClientVerdict) {
  return call<{ submission: SubmissionDTO }>(exerciseUrl(exerciseId, "submissions"), {
    method: "POST",
    json: clientVerdict ? { code, clientVerdict } : { code },
  });
}

export function getSubmission(submissionId: string, waitSeconds = 0, signal?: AbortSignal) {
  const wait = waitSeconds > 0 ? `?wait=${waitSeconds}` : "";
  return call<{ submission: SubmissionDTO }>(`/api/submissions/${encodeURIComponent(submissionId)}${wait}`, { signal });
}

export function listSubmissions(exerciseId: string) {
  return call<{ submissions: SubmissionDTO[] }>(exerciseUrl(exerciseId, "submissions"));
}

/**
 * Follow a submission until the server has verified it (or gave up): a
 * long-poll the server answers the moment the verdict lands (followVerdict,
 * shared with the submit benchmark so it measures what a learner sees).
 */
export async function waitForVerdict(submission: SubmissionDTO, signal: AbortSignal): Promise<SubmissionDTO> {
  return followVerdict(
    submission,
    async (id, waitSeconds, sig) => (await getSubmission(id, waitSeconds, sig)).submission,
    signal,
  );
}
