import type { ReactNode } from "react";
import Link from "next/link";
import "./instructor.css";

/** The instructor pages share their styles and this nav; the root layout provides the header and <main>. */
export default function InstructorLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <nav aria-label="Instructor" className="instructor-nav">
        <Link href="/instructor">Overview</Link> · <Link href="/instructor/cohorts">Cohorts</Link> ·{" "}
        <Link href="/instructor/exercises">Exercises</Link> · <Link href="/instructor/regrade">Regrade</Link> ·{" "}
        <Link href="/instructor/review/snippets">Feedback snippets</Link>
      </nav>
      {children}
    </>
  );
}
