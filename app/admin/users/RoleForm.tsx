"use client";
import { startTransition, useActionState, useState, type FormEvent } from "react";
import { setRoleAction, type ActionState } from "./actions";

export function RoleForm({ userId, role, name }: { userId: string; role: string; name: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(setRoleAction, null);
  const [selected, setSelected] = useState(role);
  // Submitted by hand, not through <form action>: React resets a form after its action,
  // which snapped the dropdown back to the role it showed before Save.
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  }
  return (
    <form onSubmit={onSubmit} className="inline-form">
      <input type="hidden" name="userId" value={userId} />
      <label>
        <span className="visually-hidden">Role of {name}</span>
        <select name="role" value={selected} onChange={(e) => setSelected(e.target.value)}>
          <option value="LEARNER">learner</option>
          <option value="INSTRUCTOR">instructor</option>
          <option value="ADMIN">admin</option>
        </select>
      </label>
      <button type="submit" disabled={pending}>
        Save
      </button>
      {state && (
        <span role="status" className={state.ok ? "ok" : "error"}>
          {state.message}
        </span>
      )}
    </form>
  );
}
