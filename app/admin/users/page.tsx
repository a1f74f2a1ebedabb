import type { Metadata } from "next";
import { db } from "@/lib/db/client";
import { requirePageUser } from "@/lib/auth/page-guard";
import { listUsers } from "@/lib/users/set-role";
import { RoleForm } from "./RoleForm";
import { ResetPasswordForm } from "./ResetPasswordForm";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await requirePageUser("/admin/users", "user:promote");
  const users = await listUsers(db, actor);
  return (
    <>
      <h1>Users</h1>
      <p>
        Promote a learner to instructor so they can run cohorts and review submissions. A reset gives the account a new
        random password, shown once, and signs it out everywhere.
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Password</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>
                <RoleForm userId={u.id} role={u.role} name={u.name} />
              </td>
              <td>
                <ResetPasswordForm userId={u.id} name={u.name} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
