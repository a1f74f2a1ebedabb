import Link from "next/link";
import type { listRegradeJobs } from "@/lib/regrade/list-regrade-jobs";

type Jobs = Awaited<ReturnType<typeof listRegradeJobs>>;

export const stamp = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** Recent regrade jobs as a table: scope, progress and how many verdicts changed. */
export function JobsTable({ jobs, caption }: { jobs: Jobs; caption: string }) {
  if (jobs.length === 0) return <p>No regrades yet.</p>;
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Started</th>
          <th scope="col">Exercise</th>
          <th scope="col">Cohort</th>
          <th scope="col">State</th>
          <th scope="col">Done</th>
          <th scope="col">Changed</th>
        </tr>
      </thead>
      <tbody>
        {jobs.map((j) => (
          <tr key={j.id}>
            <td>
              <Link href={`/instructor/regrade/jobs/${j.id}`}>{stamp(j.createdAt)}</Link>
            </td>
            <td>{j.exercise?.title ?? "all"}</td>
            <td>{j.cohort?.name ?? "all my cohorts"}</td>
            <td>{j.state.toLowerCase()}</td>
            <td>
              {j.done} of {j.total}
            </td>
            <td>{j.changed}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
