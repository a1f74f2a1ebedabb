/**
 * How a client follows a submission to its verdict: long-polling
 * GET /api/submissions/:id?wait=<seconds>. The server holds each request until
 * a worker stores the verdict (or the wait runs out), so a
 * learner gets the verdict the moment it lands, with one request per verdict
 * instead of one every few hundred milliseconds.
 *
 * Framework-free and shared: the exercise page (app/components/learner) and
 * the submit benchmark (bench/submit-path.ts) both call `followVerdict`, so
 * the benchmark's "submit-to-verdict" is what a learner experiences.
 */

/** What the follower needs of a submission: its id and where it stands. */
export type FollowedSubmission = { id: string; state: "QUEUED" | "RUNNING" | "DONE" | "ERRORED" };

/** How long one request may be held by the server. Proxies commonly cut idle requests at 60 s; stay well under. */
export const VERDICT_WAIT_SECONDS = 20;
/** The most a client may ask for (the route refuses more). */
export const MAX_VERDICT_WAIT_SECONDS = 25;

/**
 * A pending answer that came back well before the wait was over means the
 * server did not hold the request (an older server, a restart, a verdict
 * written by another process): pause before asking again, so a client never
 * spins.
 */
export const EARLY_ANSWER_PAUSE_MS = 1000;

export const isSettled = (s: Pick<FollowedSubmission, "state">) => s.state === "DONE" || s.state === "ERRORED";

export type FetchSubmission<S extends FollowedSubmission> = (
  id: string,
  waitSeconds: number,
  signal?: AbortSignal,
) => Promise<S>;

export async function followVerdict<S extends FollowedSubmission>(
  submission: S,
  fetchSubmission: FetchSubmission<S>,
  signal?: AbortSignal,
  now: () => number = () => Date.now(),
): Promise<S> {
  let current = submission;
  while (!isSettled(current)) {
    signal?.throwIfAborted();
    const askedAt = now();
    current = await fetchSubmission(current.id, VERDICT_WAIT_SECONDS, signal);
    if (!isSettled(current) && now() - askedAt < (VERDICT_WAIT_SECONDS * 1000) / 2) {
      await pause(EARLY_ANSWER_PAUSE_MS, signal);
    }
  }
  return current;
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason ?? new DOMException("aborted", "AbortError"));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
