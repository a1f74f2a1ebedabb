import Link from "next/link";
import { withReturnPath } from "@/lib/auth/return-path";

/** Shown to someone trying the course without an account: what works, and how to keep it. */
export function GuestNotice({ returnTo }: { returnTo: string }) {
  return (
    <p className="note" data-testid="guest-notice">
      You are trying Leakless without an account: lessons and checks run in your browser, and your code is kept in this
      browser.{" "}
      <Link prefetch={false} href={withReturnPath("/signup", returnTo)}>
        Create an account
      </Link>{" "}
      or{" "}
      <Link prefetch={false} href={withReturnPath("/signin", returnTo)}>
        sign in
      </Link>{" "}
      to submit, see hints and keep your progress; your code comes with you.
    </p>
  );
}
