"use client";
/**
 * The Python editor proper: CodeMirror 6 with Python highlighting and
 * indentation, loaded on demand by CodeEditor.tsx (which says when).
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
import type { CodeEditorHandle, CodeEditorProps } from "./CodeEditor";

export interface CodeMirrorEditorProps extends Omit<CodeEditorProps, "richEditor"> {
  /** Where the caret and selection were in the text area this editor replaces. */
  initialSelection?: { anchor: number; head: number };
  /** The text area had the focus: the learner goes on typing here. */
  autoFocus?: boolean;
}

export const CodeMirrorEditor = forwardRef<CodeEditorHandle, CodeMirrorEditorProps>(function CodeMirrorEditor(
  { initialCode, onChange, onRun, labelledBy, describedBy, initialSelection, autoFocus },
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
  const initial = useRef({ code: initialCode, selection: initialSelection, autoFocus });

  useEffect(() => {
    if (!host.current) return;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: initial.current.code,
        selection: initial.current.selection,
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
    if (initial.current.autoFocus) editor.focus();
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
        return view.current?.state.doc.toString() ?? initial.current.code;
      },
      focus() {
        view.current?.focus();
      },
    }),
    [],
  );

  return <div ref={host} />;
});
