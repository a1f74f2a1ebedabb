import type { ReactNode } from "react";
import "./instructor.css";

/** The instructor pages share their styles; the root layout provides the header and <main>. */
export default function InstructorLayout({ children }: { children: ReactNode }) {
  return children;
}
