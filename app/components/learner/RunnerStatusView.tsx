"use client";
/** Where the in-browser Python stands: a real progress bar while it loads, Retry when it failed or stalls. */
import type { LoadProgress, RunnerStatus } from "./use-python-runner";

const STAGE_LABEL = {
  download: "Downloading Python",
  instantiate: "Starting WebAssembly",
  stdlib: "Starting the interpreter",
  package: "Installing the check library",
  ready: "Ready",
} as const;

const STAGES = ["download", "instantiate", "stdlib", "package", "ready"] as const;

export function RunnerStatusView({ status, onRetry }: { status: RunnerStatus; onRetry: () => void }) {
  switch (status.kind) {
    case "ready":
      return (
        <p className="runner-status" data-testid="runner-status" data-state="ready">
          Python is ready{" "}
          <span className="muted">
            (loaded in {(status.loadMs / 1000).toFixed(1)} s
            {status.interruptible ? "" : "; Stop restarts the interpreter"})
          </span>
        </p>
      );
    case "restarting":
      return (
        <div className="runner-status" data-testid="runner-status" data-state="restarting">
          <p>
            Restarting Python… <span className="muted">({status.reason})</span>
          </p>
          {status.progress && <ProgressBar progress={status.progress} />}
          {status.slow && (
            <p role="alert">
              Restarting Python is taking unusually long.{" "}
              <button type="button" className="secondary" onClick={onRetry}>
                Retry
              </button>
            </p>
          )}
        </div>
      );
    case "failed":
      return (
        <div className="runner-status" role="alert" data-testid="runner-status" data-state="failed">
          <p className="error">Python could not start in this browser: {status.message}</p>
          <button type="button" onClick={onRetry}>
            Retry
          </button>
        </div>
      );
    case "loading":
      return (
        <div className="runner-status" data-testid="runner-status" data-state="loading">
          <ProgressBar progress={status} />
          {status.slow && (
            <p role="alert">
              Loading Python is taking unusually long.{" "}
              <button type="button" className="secondary" onClick={onRetry}>
                Retry
              </button>
            </p>
          )}
        </div>
      );
  }
}

function ProgressBar({ progress }: { progress: LoadProgress }) {
  const { value, max, text } = progressOf(progress);
  return (
    <>
      <label htmlFor="runner-progress">{text}</label>{" "}
      <progress id="runner-progress" value={value} max={max} aria-valuetext={text}>
        {text}
      </progress>
    </>
  );
}

/**
 * Bytes are known only during the download (the bulk of the wait on a slow
 * link); later stages are short and shown as steps.
 */
function progressOf(status: LoadProgress) {
  const label = STAGE_LABEL[status.stage];
  if (status.stage === "download" && status.totalBytes && status.loadedBytes !== undefined) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    return {
      value: Math.min(status.loadedBytes, status.totalBytes),
      max: status.totalBytes,
      text: `${label}: ${mb(status.loadedBytes)} of ${mb(status.totalBytes)} MB`,
    };
  }
  const step = STAGES.indexOf(status.stage);
  return { value: step, max: STAGES.length - 1, text: `${label} (step ${step + 1} of ${STAGES.length - 1})…` };
}
