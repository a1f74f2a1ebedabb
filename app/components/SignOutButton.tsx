"use client";
import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";

/**
 * Signs out without next-auth's redirect: that one goes to NEXTAUTH_URL, which
 * defaults to http://localhost:3000 whatever port or host serves the app.
 */
export function SignOutButton() {
  const router = useRouter();
  return (
    <button
      type="button"
      className="link-button"
      onClick={() => {
        void signOut({ redirect: false }).then(() => {
          router.push("/");
          router.refresh();
        });
      }}
    >
      Sign out
    </button>
  );
}
