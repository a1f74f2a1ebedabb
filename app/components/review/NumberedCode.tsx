import { splitLines } from "@/lib/diff/line-diff";
import { LineCommentButton } from "./LineCommentButton";

/**
 * Code as a table of numbered lines; comments show under their line. With
 * `commentable` (the review page) a click on a line number starts a comment
 * on it in the page's feedback form.
 */
export function NumberedCode({
  code,
  caption,
  comments = [],
  commentable = false,
}: {
  code: string;
  caption: string;
  comments?: { line: number; body: string; author: string }[];
  commentable?: boolean;
}) {
  const lines = splitLines(code);
  return (
    // Focusable: on a narrow screen the table scrolls sideways, and the keyboard must reach that too
    // (no aria-label: the caption names it, and may hold a learner's name).
    <div className="diff numbered-code" data-testid="numbered-code" tabIndex={0}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">line</th>
            <th scope="col">code</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((text, i) => (
            <LineRow
              key={i}
              number={i + 1}
              text={text}
              comments={comments.filter((c) => c.line === i + 1)}
              commentable={commentable}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LineRow({
  number,
  text,
  comments,
  commentable,
}: {
  number: number;
  text: string;
  comments: { body: string; author: string }[];
  commentable: boolean;
}) {
  return (
    <>
      {/* An anchor id only where the code is on the page once (the review page). */}
      <tr id={commentable ? `L${number}` : undefined} data-line={number}>
        <td className="ln">{commentable ? <LineCommentButton line={number} /> : number}</td>
        <td>
          <code>{text || " "}</code>
        </td>
      </tr>
      {comments.map((c, i) => (
        <tr key={i} className="line-comment" data-testid="line-comment">
          <td className="ln" />
          <td>
            <strong>{c.author}:</strong> {c.body}
          </td>
        </tr>
      ))}
    </>
  );
}
