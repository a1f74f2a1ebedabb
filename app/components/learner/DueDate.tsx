const format = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** "Due 10 Dec 2026, 17:00 UTC", and whether that has passed. */
export function DueDate({ dueAt, now = new Date() }: { dueAt: Date; now?: Date }) {
  const past = dueAt.getTime() < now.getTime();
  return (
    <span className={past ? "badge badge-attention" : "badge"} data-testid="due-date">
      {past ? "Was due" : "Due"} <time dateTime={dueAt.toISOString()}>{format.format(dueAt)} UTC</time>
    </span>
  );
}
