import Link from "next/link";

export default function Forbidden() {
  return (
    <>
      <h1>403 — not allowed</h1>
      <p>Your account does not have access to this page. If you think it should, ask an admin.</p>
      <p>
        <Link href="/">Back to the course</Link>
      </p>
    </>
  );
}
