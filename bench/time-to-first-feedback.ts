/**
 * (1) Time to first feedback in headless Chromium against the production
 * server: navigation start → Pyodide ready → first check result on screen.
 * Cold = a fresh browser profile (empty HTTP cache, no service worker);
 * warm = the same profile, a new tab on the same exercise afterwards.
 * Each profile gives one cold and two warm visits, and is followed by a
 * profile of the same shape on the floor page (support/floor-page.ts), so
 * the two are measured interleaved and reported as ratios. Then arrivals by
 * a link from the course map and from a lesson (support/arrival.ts).
 */
import { arriveByLink } from "./support/arrival";
import { openProfile } from "./support/browser";
import { visitFloor } from "./support/floor-page";
import type { BenchEnv } from "./support/bench-env";
import { requireServer, waitForContentVerification } from "./support/bench-env";
import { visitExercise, type VisitTimeline } from "./support/exercise-visit";
import { benchExerciseSection, benchExerciseUrl } from "./support/exercise-under-test";
import { createLearners, signInOverHttp } from "./support/learners";
import type { MeasurementResult } from "./support/report";
import { median, percentile, seconds } from "./support/stats";

export const TTFF_TARGETS = { coldMs: 2500, warmMs: 1000, floorRatio: 1.15, arrivalMs: 300 };
const STAGES = ["download", "instantiate", "stdlib", "package", "ready"] as const;
/** What reaching each stage means (the worker reports a stage when the previous one is done). */
const STAGE_LABELS: Record<(typeof STAGES)[number], string> = {
  download: "download started",
  instantiate: "downloaded",
  stdlib: "wasm compiled + stdlib mounted",
  package: "interpreter up",
  ready: "leakless imported",
};

export async function measureTimeToFirstFeedback(env: BenchEnv): Promise<MeasurementResult> {
  const server = requireServer(env);
  const profiles = env.quick ? 1 : 5;
  const warmPerProfile = 2;
  const [email] = await createLearners(server.databaseUrl, "ttff", 1);
  const learner = await signInOverHttp(server.url, email);
  const url = await benchExerciseUrl(server);
  // Not timed while the server verifies its course content in the background (it shares the two cores).
  const contentVerificationWaitMs = await waitForContentVerification(server, env.log);

  const cold: VisitTimeline[] = [];
  const warm: VisitTimeline[] = [];
  const floorCold: number[] = [];
  const floorWarm: number[] = [];
  for (let i = 0; i < profiles; i++) {
    const profile = await openProfile(server.url, learner);
    try {
      cold.push((await visitExercise(profile.context, url, { waitForSnapshot: true })).timeline);
      for (let j = 0; j < warmPerProfile; j++) warm.push((await visitExercise(profile.context, url)).timeline);
    } finally {
      await profile.close();
    }
    const floorProfile = await openProfile(server.url, learner);
    try {
      floorCold.push(await visitFloor(floorProfile.context, server.url));
      for (let j = 0; j < warmPerProfile; j++) floorWarm.push(await visitFloor(floorProfile.context, server.url));
    } finally {
      await floorProfile.close();
    }
    env.log(
      `ttff profile ${i + 1}/${profiles}: cold ${seconds(cold.at(-1)!.firstFeedbackMs)} (floor ${seconds(
        floorCold.at(-1)!,
      )}), warm ${warm
        .slice(-warmPerProfile)
        .map((t) => seconds(t.firstFeedbackMs))
        .join(", ")} (floor ${floorWarm
        .slice(-warmPerProfile)
        .map((ms) => seconds(ms))
        .join(", ")})`,
    );
  }

  // Arriving by a link once the page read first has its runner ready: alternately from the course map and the lesson.
  const arrivals = { map: [] as number[], lesson: [] as number[], readingMs: [] as number[] };
  const exercisePath = new URL(url).pathname;
  const lessonUrl = `${server.url}/learn/${await benchExerciseSection()}`;
  const arrivalProfile = await openProfile(server.url, learner);
  try {
    for (let i = 0; i < (env.quick ? 2 : 10); i++) {
      const from = i % 2 === 0 ? "map" : "lesson";
      const a = await arriveByLink(
        arrivalProfile.context,
        from === "map" ? `${server.url}/learn` : lessonUrl,
        exercisePath,
      );
      arrivals[from].push(a.shownToEnabledMs);
      arrivals.readingMs.push(a.readingMs);
    }
  } finally {
    await arrivalProfile.close();
  }
  const allArrivals = [...arrivals.map, ...arrivals.lesson];

  const summarize = (visits: VisitTimeline[]) => ({
    firstFeedbackMs: median(visits.map((v) => v.firstFeedbackMs)),
    firstFeedbackP95Ms: percentile(
      visits.map((v) => v.firstFeedbackMs),
      95,
    ),
    readyMs: median(visits.map((v) => v.readyMs)),
    domContentLoadedMs: median(visits.map((v) => v.domContentLoadedMs)),
    checkMs: median(visits.map((v) => v.firstFeedbackMs - v.clickedMs)),
    workerCreatedMs: median(visits.map((v) => v.workerCreatedMs)),
    stagesMs: Object.fromEntries(
      STAGES.map((stage) => [stage, median(visits.map((v) => v.stagesMs[stage]).filter((n) => Number.isFinite(n)))]),
    ),
  });
  /** "worker 0.40 s → downloaded 0.90 s → stdlib 1.50 s → package 1.90 s → ready 2.10 s" (medians since navigation). */
  const stageLine = (x: ReturnType<typeof summarize>) =>
    [
      `worker ${seconds(x.workerCreatedMs)}`,
      ...STAGES.filter((s) => s !== "download").map((s) => `${STAGE_LABELS[s]} ${seconds(x.stagesMs[s])}`),
    ].join(" → ");
  /** "first-visit 5/5" — how each visit's first worker got its interpreter (snapshot-cache.ts). */
  const outcomes = (visits: VisitTimeline[]) =>
    Object.entries(
      visits.reduce<Record<string, number>>((n, v) => ({ ...n, [v.snapshot]: (n[v.snapshot] ?? 0) + 1 }), {}),
    )
      .map(([outcome, count]) => `${outcome} ${count}/${visits.length}`)
      .join(", ");
  const c = summarize(cold);
  const w = summarize(warm);
  const fc = median(floorCold);
  const fw = median(floorWarm);
  const section = "1. Time to first feedback (Chromium)";
  return {
    rows: [
      {
        section,
        metric: `exercise page / floor page, cold (medians of ${cold.length} and ${floorCold.length})`,
        value: (c.firstFeedbackMs / fc).toFixed(2),
        comparison: `exercise page ${seconds(c.firstFeedbackMs)}, floor page ${seconds(fc)} (the first-visit snapshot restored in a bare page, same server, interleaved)`,
        target: `≤ ${TTFF_TARGETS.floorRatio}`,
        met: c.firstFeedbackMs / fc <= TTFF_TARGETS.floorRatio,
      },
      {
        section,
        metric: `exercise page / floor page, warm (medians of ${warm.length} and ${floorWarm.length})`,
        value: (w.firstFeedbackMs / fw).toFixed(2),
        comparison: `exercise page ${seconds(w.firstFeedbackMs)}, floor page ${seconds(fw)}`,
        target: `≤ ${TTFF_TARGETS.floorRatio}`,
        met: w.firstFeedbackMs / fw <= TTFF_TARGETS.floorRatio,
      },
      {
        section,
        metric: `arriving by a link: page shown → Check enabled, median of ${allArrivals.length}`,
        value: seconds(median(allArrivals)),
        comparison: `from the course map ${seconds(median(arrivals.map))}, from a lesson ${seconds(median(arrivals.lesson))}; max ${seconds(Math.max(...allArrivals))}; the runner was ready ${seconds(median(arrivals.readingMs))} after the first page opened`,
        target: "≤ 0.3 s",
        met: median(allArrivals) <= TTFF_TARGETS.arrivalMs,
      },
      {
        section,
        metric: `cold (fresh profile), median of ${cold.length}`,
        value: seconds(c.firstFeedbackMs),
        comparison: `page DOMContentLoaded ${seconds(c.domContentLoadedMs)}, Python ready ${seconds(c.readyMs)}, first check ${seconds(c.checkMs)}; snapshot: ${outcomes(cold)}; warm ${seconds(w.firstFeedbackMs)}`,
        target: "≤ 2.5 s",
        met: c.firstFeedbackMs <= TTFF_TARGETS.coldMs,
      },
      {
        section,
        metric: `warm (same profile), median of ${warm.length}`,
        value: seconds(w.firstFeedbackMs),
        comparison: `page DOMContentLoaded ${seconds(w.domContentLoadedMs)}, Python ready ${seconds(w.readyMs)}, first check ${seconds(w.checkMs)}; snapshot: ${outcomes(warm)}; cold ${seconds(c.firstFeedbackMs)}`,
        target: "≤ 1.0 s",
        met: w.firstFeedbackMs <= TTFF_TARGETS.warmMs,
      },
      {
        section,
        metric: "cold: where the time goes (medians)",
        value: "",
        comparison: stageLine(c),
        target: "",
        met: null,
      },
      {
        section,
        metric: "warm: where the time goes (medians)",
        value: "",
        comparison: stageLine(w),
        target: "",
        met: null,
      },
    ],
    raw: {
      url,
      contentVerificationWaitMs,
      cold,
      warm,
      floor: { cold: floorCold, warm: floorWarm },
      arrivals,
      summary: { cold: c, warm: w },
    },
  };
}
