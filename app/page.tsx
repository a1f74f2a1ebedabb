import Link from "next/link";
import { getCourseOutline } from "@/lib/course/outline";
import { getCurrentUser } from "@/lib/auth/session";

// The outline comes from the database (synced from exercises/ at start).
export const dynamic = "force-dynamic";

export default async function HomePage() {
  const [outline, user] = await Promise.all([getCourseOutline(), getCurrentUser()]);
  const exerciseCount = outline.reduce((n, s) => n + s.exercises.length, 0);
  return (
    <>
      <section className="hero">
        <h1>Python memory management, by doing</h1>
        <p>
          Leakless is a hands-on course on how Python allocates and frees memory. Each exercise hands you leaky or
          cyclic Python code; you fix it in the editor, and checks run in your browser to tell you at once whether the
          object was really freed by reference counting, whether the cycle is gone, whether memory stayed under its
          bound. The server re-runs every submission in a sandbox and keeps the verdict that counts.
        </p>
        {user ? (
          <p>
            <Link href="/learn" className="button">
              Go to the course
            </Link>
          </p>
        ) : (
          <p>
            <Link href="/learn" className="button">
              Try the course
            </Link>{" "}
            (no account needed to read the lessons and check your code), or{" "}
            <Link href="/signup">create an account</Link> / <Link href="/signin">sign in</Link> to submit and keep your
            progress.
          </p>
        )}
      </section>
      <section aria-labelledby="outline-heading">
        <h2 id="outline-heading">
          The course: {outline.length} sections, {exerciseCount} exercises
        </h2>
        <ol className="outline">
          {outline.map((section) => (
            <li key={section.id}>
              <h3>
                <Link href={`/learn/${section.id}`}>{section.title}</Link>
              </h3>
              <ul>
                {section.exercises.map((e) => (
                  <li key={e.id}>{e.title}</li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
