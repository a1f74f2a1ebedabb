"use client";
import { useActionState } from "react";
import { resetPasswordAction, type ResetState } from "./actions";

/** Resets a user's password to a new random one, shown here once for the admin to pass on. */
export function ResetPasswordForm({ userId, name }: { userId: string; name: string }) {
  const [state, action, pending] = useActionState<ResetState, FormData>(resetPasswordAction, null);
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="userId" value={userId} />
      <button type="submit" className="secondary" disabled={pending} aria-label={`Reset password of ${name}`}>
        Reset password
      </button>
      {state && (
        <span role="status" className={state.ok ? "ok" : "error"} data-testid="reset-password-status">
          {state.ok ? (
            <>
              New password: <code data-testid="new-password">{state.password}</code> (shown once; their sessions were
              signed out)
            </>
          ) : (
            state.message
          )}
        </span>
      )}
    </form>
  );
}
