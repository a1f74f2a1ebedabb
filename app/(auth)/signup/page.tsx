import type { Metadata } from "next";
import Link from "next/link";
import { safeReturnPath, withReturnPath } from "@/lib/auth/return-path";
import { SignUpForm } from "./SignUpForm";

export const metadata: Metadata = { title: "Create an account" };

/** Keeps the way back (an invitation link, an exercise) through sign-up, as sign-in does. */
export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const returnTo = safeReturnPath((await searchParams).callbackUrl);
  return (
    <div className="auth-card">
      <h1>Create an account</h1>
      <SignUpForm callbackUrl={returnTo} />
      <p>
        Already have one? <Link href={withReturnPath("/signin", returnTo)}>Sign in</Link>.
      </p>
    </div>
  );
}
