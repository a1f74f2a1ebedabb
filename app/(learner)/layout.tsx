import type { ReactNode } from "react";
import "@/app/components/learner/learner.css";

/** The learner pages share their styles; the root layout provides the header and <main>. */
export default function LearnerLayout({ children }: { children: ReactNode }) {
  return children;
}
