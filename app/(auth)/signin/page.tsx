import type { Metadata } from "next";
import Link from "next/link";
import { safeReturnPath, withReturnPath } from "@/lib/auth/return-path";
import { SignInForm } from "./SignInForm";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const returnTo = safeReturnPath(params.callbackUrl);
  return (
    <div className="auth-card">
      <h1>Sign in</h1>
      <SignInForm callbackUrl={returnTo} />
      <p>
        New here? <Link href={withReturnPath("/signup", returnTo)}>Create an account</Link>.
      </p>
    </div>
  );
}
