"use client";
/**
 * The Python editor: a plain text area, rendered on the server, until
 * CodeMirror (CodeMirrorEditor.tsx) is loaded on demand and takes over with
 * the text area's code, selection and focus.
 *
 * Why on demand: CodeMirror is most of the exercise page's JavaScript, and
 * its download, compile and mount competed with Python's start for the same
 * cores (#17, docs/performance.md). So the page loads it when `richEditor`
 * says nothing the learner waits for needs them (Python is up and not
 * running their code), or at once when the learner focuses the text area.
 * Meanwhile the code is on screen and editable, even before the page's
 * JavaScript has run.
 */
import { forwardRef, useEffect, useImperativeHandle, useRef, useState, type ComponentType, type Ref } from "react";
import { flushSync } from "react-dom";
import type { CodeMirrorEditorProps } from "./CodeMirrorEditor";
import { plainEditorHtml } from "./plain-editor-html";

export interface CodeEditorHandle {
  /** Replace the whole document (one undoable change). */
  setCode(code: string): void;
  getCode(): string;
  focus(): void;
}

export interface CodeEditorProps {
  initialCode: string;
  onChange: (code: string) => void;
  /** Ctrl/Cmd+Enter. */
  onRun: () => void;
  /** Id of the visible label of the editor. */
  labelledBy: string;
  /** Id of the text that explains the keyboard (Tab, Escape then Tab, Ctrl+Enter). */
  describedBy: string;
  /**
   * CodeMirror may load (at the next idle moment): nothing the learner waits for needs these
   * cores. Focusing the text area loads it regardless.
   */
  richEditor: boolean;
}

type RichEditor = ComponentType<CodeMirrorEditorProps & { ref?: Ref<CodeEditorHandle> }>;

/** What the text area held when CodeMirror took over. */
interface Handover {
  code: string;
  selection: { anchor: number; head: number };
  focused: boolean;
}

export const CodeEditor = forwardRef<CodeEditorHandle, CodeEditorProps>(function CodeEditor(
  { initialCode, onChange, onRun, labelledBy, describedBy, richEditor },
  ref,
) {
  const host = useRef<HTMLDivElement>(null);
  const area = useRef<HTMLTextAreaElement | null>(null);
  const rich = useRef<CodeEditorHandle>(null);
  const [Rich, setRich] = useState<{ Editor: RichEditor; handover: Handover } | null>(null);
  const [focused, setFocused] = useState(false);
  const callbacks = useRef({ onChange, onRun });
  useEffect(() => {
    callbacks.current = { onChange, onRun };
  });
  // Inner HTML, which React leaves alone when it hydrates: what was typed before then stays.
  const [plainHtml] = useState(() => plainEditorHtml(initialCode, { labelledBy, describedBy }));
  // The code the parent last heard of, to report what was typed before the page's JavaScript ran.
  const reported = useRef(initialCode);
  const report = (code: string) => {
    if (code === reported.current) return;
    reported.current = code;
    callbacks.current.onChange(code);
  };

  // Hydrated: the server rendered the code it knew (a guest's draft is only in this browser). Text
  // the learner typed before this point stays and is reported, and focus given then counts.
  useEffect(() => {
    const textArea = host.current?.querySelector("textarea");
    if (!textArea) return;
    area.current = textArea;
    if (textArea.value === textArea.defaultValue) textArea.value = initialCode;
    else report(textArea.value);
    if (document.activeElement === textArea) setFocused(true);
    const onInput = () => report(textArea.value);
    const onFocus = () => setFocused(true);
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
      event.preventDefault();
      callbacks.current.onRun();
    };
    textArea.addEventListener("input", onInput);
    textArea.addEventListener("focus", onFocus);
    textArea.addEventListener("keydown", onKeyDown);
    return () => {
      textArea.removeEventListener("input", onInput);
      textArea.removeEventListener("focus", onFocus);
      textArea.removeEventListener("keydown", onKeyDown);
      area.current = null;
    };
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  // Focus loads it at once; otherwise it waits for an idle moment, so it does not delay what the
  // learner is waiting for (their first result, rendered by this same thread).
  const wanted = focused ? "now" : richEditor ? "idle" : null;
  useEffect(() => {
    if (!wanted || Rich) return;
    let live = true;
    const load = () =>
      import("./CodeMirrorEditor").then(
        ({ CodeMirrorEditor }) => {
          const textArea = area.current;
          if (!live || !textArea) return;
          // Read and swapped in one go, so no keystroke falls between the two.
          const handover: Handover = {
            code: textArea.value,
            selection: { anchor: textArea.selectionStart, head: textArea.selectionEnd },
            focused: document.activeElement === textArea,
          };
          flushSync(() => setRich({ Editor: CodeMirrorEditor, handover }));
        },
        () => {
          // Not loaded (offline, a new deployment): the text area stays the editor.
        },
      );
    let cancel = () => {};
    if (wanted === "now") void load();
    else cancel = whenIdle(() => void load());
    return () => {
      live = false;
      cancel();
    };
  }, [wanted, Rich]);

  useImperativeHandle(
    ref,
    () => ({
      setCode(code: string) {
        if (rich.current) return rich.current.setCode(code);
        if (area.current) area.current.value = code;
        report(code);
      },
      getCode() {
        return rich.current?.getCode() ?? area.current?.value ?? reported.current;
      },
      focus() {
        (rich.current ?? area.current)?.focus();
      },
    }),
    [],
  );

  return (
    <div className="code-editor" data-testid="code-editor">
      {Rich ? (
        <Rich.Editor
          ref={rich}
          initialCode={Rich.handover.code}
          initialSelection={Rich.handover.selection}
          autoFocus={Rich.handover.focused}
          onChange={report}
          onRun={onRun}
          labelledBy={labelledBy}
          describedBy={describedBy}
        />
      ) : (
        <div ref={host} dangerouslySetInnerHTML={{ __html: plainHtml }} />
      )}
    </div>
  );
});

/** Run `task` when the main thread is idle (soon anyway); returns a cancel. */
function whenIdle(task: () => void): () => void {
  if (typeof requestIdleCallback === "function") {
    const handle = requestIdleCallback(task, { timeout: 2_000 });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(task, 200);
  return () => clearTimeout(handle);
}
