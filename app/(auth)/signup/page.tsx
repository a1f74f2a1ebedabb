import type { Metadata } from "next";
import Link from "next/link";
import { SignUpForm } from "./SignUpForm";

export const metadata: Metadata = { title: "Create an account" };

export default function SignUpPage() {
  return (
    <div className="auth-card">
      <h1>Create an account</h1>
      <SignUpForm />
      <p>
        Already have one? <Link href="/signin">Sign in</Link>.
      </p>
    </div>
  );
}
