/**
 * One tracemalloc, two views of it.
 *
 * tracemalloc's state is one for the whole runtime (its C module refuses
 * subinterpreters), and the learner's code and the checks both use it: a
 * check measures the learner's code with it, and an exercise may ask the
 * learner's code to measure with it. If the learner's `stop()`,
 * `clear_traces()` or `reset_peak()` reached the real state, a check's
 * measurement would read whatever the learner chose.
 *
 * So each side (the judge, the learner) has a view: whether it is tracing,
 * and its current and peak sizes counted from its own last start, clear or
 * reset. Only this module calls the real functions. Real tracing runs while
 * either side traces. A view's peak stays exact across the other side's
 * resets: before the real peak is reset for one side, the other side's peak
 * so far is saved, and its view is the larger of the saved and the new.
 */
import type { CApi, Ptr } from "./capi";

export type Side = "judge" | "learner";

/** The functions whose state the views keep apart; every other `_tracemalloc` function is the real one. */
export const VIEWED_FUNCTIONS = [
  "start",
  "stop",
  "is_tracing",
  "get_traced_memory",
  "reset_peak",
  "clear_traces",
] as const;
export type ViewedFunction = (typeof VIEWED_FUNCTIONS)[number];

interface View {
  tracing: boolean;
  /** Real traced bytes at this side's last start or clear: its sizes count from there. */
  offset: number;
  /** This side's peak (above `offset`) before the real peak was last reset for the other side. */
  savedPeak: number;
}

export class TracemallocViews {
  private views: Record<Side, View> = { judge: fresh(), learner: fresh() };

  /**
   * `real` are the judge interpreter's own `_tracemalloc` functions; `inJudge`
   * runs a callback with the judge's thread state current.
   */
  constructor(
    private readonly api: CApi,
    private readonly real: ReadonlyMap<string, Ptr>,
    private readonly inJudge: <T>(fn: () => T) => T,
  ) {}

  /** Forgets both views (the heap, and so the real state, was put back to the boot image's). */
  reset(): void {
    this.views = { judge: fresh(), learner: fresh() };
  }

  isTracing(side: Side): boolean {
    return this.views[side].tracing;
  }

  /** `name(*args)` for `side`, as a new reference in the judge (or NULL with its error set). */
  call(side: Side, name: ViewedFunction, args: Ptr[]): Ptr {
    const api = this.api;
    const view = this.views[side];
    const other = this.views[side === "judge" ? "learner" : "judge"];
    switch (name) {
      case "is_tracing":
        return this.bool(view.tracing);
      case "get_traced_memory": {
        if (!view.tracing) return this.pair(0, 0);
        const [current, peak] = this.realTraced();
        return this.pair(Math.max(0, current - view.offset), Math.max(view.savedPeak, peak - view.offset, 0));
      }
      case "start": {
        if (args.length > 1) return this.typeError("start() takes at most 1 argument");
        if (!this.realTracing()) {
          const started = this.realCall("start", args);
          if (!started) return 0;
          api.Py_DecRef(started);
          this.views = { judge: fresh(), learner: fresh() };
          this.views[side].tracing = true;
          return this.none();
        }
        if (!view.tracing) {
          view.tracing = true;
          this.restart(view, other, true);
        }
        return this.none();
      }
      case "stop":
        view.tracing = false;
        if (!other.tracing && this.realTracing()) return this.realCall("stop", []);
        return this.none();
      case "reset_peak":
        if (view.tracing) this.restart(view, other, false);
        return this.none();
      case "clear_traces":
        if (view.tracing) this.restart(view, other, true);
        return this.none();
    }
  }

  /** This side's peak starts again from now (and, with `fromZero`, its sizes too); the other's peak is kept. */
  private restart(view: View, other: View, fromZero: boolean): void {
    const [current, peak] = this.realTraced();
    if (other.tracing) other.savedPeak = Math.max(other.savedPeak, peak - other.offset);
    const reset = this.realCall("reset_peak", []);
    if (reset) this.api.Py_DecRef(reset);
    else this.inJudge(() => this.api.PyErr_Clear());
    if (fromZero) view.offset = current;
    view.savedPeak = 0;
  }

  private realTracing(): boolean {
    const result = this.realCall("is_tracing", []);
    const on = result === this.api.True;
    if (result) this.api.Py_DecRef(result);
    else this.inJudge(() => this.api.PyErr_Clear());
    return on;
  }

  /** The real (current, peak) traced bytes. */
  private realTraced(): [number, number] {
    const api = this.api;
    const pair = this.realCall("get_traced_memory", []);
    if (!pair) {
      this.inJudge(() => api.PyErr_Clear());
      return [0, 0];
    }
    // A tuple's items start at offset 16 (after its cached hash, CPython 3.14).
    const values: [number, number] = [
      api.PyLong_AsLongAndOverflow(api.i32(pair + 16), 0),
      api.PyLong_AsLongAndOverflow(api.i32(pair + 20), 0),
    ];
    this.inJudge(() => api.Py_DecRef(pair));
    return values;
  }

  private realCall(name: string, args: Ptr[]): Ptr {
    const api = this.api;
    return this.inJudge(() => {
      const tuple = api.PyTuple_New(args.length);
      args.forEach((arg, i) => {
        api.Py_IncRef(arg);
        api.PyTuple_SetItem(tuple, i, arg);
      });
      const result = api.PyObject_Call(this.real.get(name)!, tuple, 0);
      api.Py_DecRef(tuple);
      return result;
    });
  }

  private pair(a: number, b: number): Ptr {
    const api = this.api;
    const tuple = api.PyTuple_New(2);
    api.PyTuple_SetItem(tuple, 0, api.PyLong_FromLong(a));
    api.PyTuple_SetItem(tuple, 1, api.PyLong_FromLong(b));
    return tuple;
  }

  private none(): Ptr {
    this.api.Py_IncRef(this.api.None);
    return this.api.None;
  }

  private bool(value: boolean): Ptr {
    const result = value ? this.api.True : this.api.False;
    this.api.Py_IncRef(result);
    return result;
  }

  private typeError(message: string): Ptr {
    this.api.raise(this.api.exc.TypeError, message);
    return 0;
  }
}

function fresh(): View {
  return { tracing: false, offset: 0, savedPeak: 0 };
}
