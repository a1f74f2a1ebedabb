import type { ReactNode } from "react";
// The preview reuses the learner's editor, result and Markdown styles, and the review check table's.
import "@/app/components/learner/learner.css";
import "@/app/components/review/review.css";

export default function AuthoringLayout({ children }: { children: ReactNode }) {
  return children;
}
