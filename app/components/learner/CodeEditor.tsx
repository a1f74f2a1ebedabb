"use client";
/**
 * The Python editor: CodeMirror 6 with Python highlighting and indentation.
 *
 * Keyboard: Tab indents (learners expect it in a code editor), but it must not
 * trap keyboard users — CodeMirror's documented escape hatch applies: press
 * Escape, then Tab (or Shift+Tab) moves focus out of the editor; Ctrl+M
 * (Shift+Alt+M on macOS) toggles that mode. Ctrl/Cmd+Enter runs the code.
 *
 * The editor is uncontrolled (CodeMirror owns the document); the parent reads
 * changes through `onChange` and replaces the document through the handle
 * (reset, restore a submission).
 */
import { forwardRef, useEffect, useImperativeHandle, useRef } from "react";
import { basicSetup } from "codemirror";
import { python } from "@codemirror/lang-python";
import { indentWithTab } from "@codemirror/commands";
import { EditorState } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { indentUnit, syntaxHighlighting } from "@codemirror/language";
import { classHighlighter } from "@lezer/highlight";

export interface CodeEditorHandle {
  /** Replace the whole document (one undoable change). */
  setCode(code: string): void;
  getCode(): string;
  focus(): void;
}

interface CodeEditorProps {
  initialCode: string;
  onChange: (code: string) => void;
  /** Ctrl/Cmd+Enter. */
  onRun: () => void;
  /** Id of the visible label of the editor. */
  labelledBy: string;
  /** Id of the text that explains the keyboard (Tab, Escape then Tab, Ctrl+Enter). */
  describedBy: string;
}

export const CodeEditor = forwardRef<CodeEditorHandle, CodeEditorProps>(function CodeEditor(
  { initialCode, onChange, onRun, labelledBy, describedBy },
  ref,
) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  // Callbacks change on every render; the editor is created once and reads the latest ones.
  const callbacks = useRef({ onChange, onRun });
  useEffect(() => {
    callbacks.current = { onChange, onRun };
  });
  // The first document only: later changes come through the handle.
  const initial = useRef(initialCode);

  useEffect(() => {
    if (!host.current) return;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: initial.current,
        extensions: [
          // Before basicSetup so Mod-Enter runs instead of inserting a blank line.
          keymap.of([
            {
              key: "Mod-Enter",
              preventDefault: true,
              run: () => {
                callbacks.current.onRun();
                return true;
              },
            },
            indentWithTab,
          ]),
          basicSetup,
          python(),
          // Token classes (`tok-keyword`, …) coloured by learner.css, so the theme follows light or dark.
          syntaxHighlighting(classHighlighter),
          // PEP 8: four spaces per level (CodeMirror's default unit is two).
          indentUnit.of("    "),
          EditorState.tabSize.of(4),
          EditorView.contentAttributes.of({
            "aria-labelledby": labelledBy,
            "aria-describedby": describedBy,
            "aria-multiline": "true",
            role: "textbox",
            // Focusable by Tab as it is by click (checkers ask it of the scrolling area around it).
            tabindex: "0",
          }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) callbacks.current.onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
  }, [labelledBy, describedBy]);

  useImperativeHandle(
    ref,
    () => ({
      setCode(code: string) {
        const editor = view.current;
        if (!editor) return;
        editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: code } });
      },
      getCode() {
        return view.current?.state.doc.toString() ?? initial.current;
      },
      focus() {
        view.current?.focus();
      },
    }),
    [],
  );

  return <div ref={host} className="code-editor" data-testid="code-editor" />;
});
