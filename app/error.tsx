"use client";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <>
      <h1>Something went wrong</h1>
      <p>Your work is saved on the server. Try again; if it keeps happening, reload the page.</p>
      <button type="button" onClick={reset}>
        Try again
      </button>
    </>
  );
}
