/**
 * A streak is the number of consecutive UTC days, ending today, with at least
 * one submission. A day without one yet does not break the streak until it is
 * over: with nothing today, the count starts from yesterday.
 */
const DAY_MS = 24 * 60 * 60 * 1000;

function utcDay(time: number): number {
  return Math.floor(time / DAY_MS);
}

export function streakDays(activity: Date[], now: Date = new Date()): number {
  const days = new Set(activity.map((d) => utcDay(d.getTime())));
  let day = utcDay(now.getTime());
  if (!days.has(day)) day -= 1;
  let streak = 0;
  while (days.has(day)) {
    streak += 1;
    day -= 1;
  }
  return streak;
}

/** How far back the progress page looks for a streak; longer streaks show as this many days. */
export const STREAK_LOOKBACK_DAYS = 366;
export const streakLookbackStart = (now: Date = new Date()) =>
  new Date((utcDay(now.getTime()) - STREAK_LOOKBACK_DAYS) * DAY_MS);
