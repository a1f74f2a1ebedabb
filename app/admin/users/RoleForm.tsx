"use client";
import { useActionState } from "react";
import { setRoleAction, type ActionState } from "./actions";

export function RoleForm({ userId, role, name }: { userId: string; role: string; name: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(setRoleAction, null);
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="userId" value={userId} />
      <label>
        <span className="visually-hidden">Role of {name}</span>
        <select name="role" defaultValue={role}>
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
