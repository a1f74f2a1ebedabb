import type { ReactNode } from "react";
// The review pages reuse the learner's diff, card and badge styles (LineDiffView, FeedbackList).
import "@/app/components/learner/learner.css";
import "@/app/components/review/review.css";

export default function ReviewLayout({ children }: { children: ReactNode }) {
  return children;
}
