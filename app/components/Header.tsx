import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { SignOutButton } from "./SignOutButton";
import { db } from "@/lib/db/client";
import { countNotifications } from "@/lib/learner/get-feedback-for-learner";

const ROLE_LABEL = { LEARNER: "learner", INSTRUCTOR: "instructor", ADMIN: "admin" } as const;

export async function Header() {
  const user = await getCurrentUser();
  // New feedback or a changed grade, as a badge on every page until the learner has seen it.
  const unread = user && can(user.role, "exercise:solve") ? await countNotifications(db, user) : 0;
  // No link prefetches: every page is rendered per request and per user, and on
  // an exercise page four prefetched renders competed with Python's start (#17).
  return (
    <header className="site-header">
      <Link prefetch={false} href="/" className="brand">
        Leakless
      </Link>
      <nav aria-label="Main">
        <Link prefetch={false} href="/">
          Course
        </Link>
        {/* Guests may try the course too (lessons and browser checks). */}
        {(!user || can(user.role, "exercise:solve")) && (
          <Link prefetch={false} href="/learn">
            Learn
          </Link>
        )}
        {user && can(user.role, "exercise:solve") && (
          <Link prefetch={false} href="/progress" data-testid="nav-progress">
            Progress
            {unread > 0 && (
              <span className="nav-badge" data-testid="unread-badge">
                {unread}
                <span className="visually-hidden"> new from your instructor</span>
              </span>
            )}
          </Link>
        )}
        {user && can(user.role, "cohort:manage") && (
          <Link prefetch={false} href="/instructor">
            Instructor
          </Link>
        )}
        {user && can(user.role, "user:promote") && (
          <Link prefetch={false} href="/admin/users">
            Users
          </Link>
        )}
      </nav>
      <div className="who" data-testid="who">
        {user ? (
          <>
            <span className="who-name">
              Signed in as <strong>{user.name}</strong> ({ROLE_LABEL[user.role]})
            </span>
            <SignOutButton />
          </>
        ) : (
          <>
            <Link prefetch={false} href="/signin">
              Sign in
            </Link>
            <Link prefetch={false} href="/signup" className="button">
              Sign up
            </Link>
          </>
        )}
      </div>
    </header>
  );
}
