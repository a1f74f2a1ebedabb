import { splitLines } from "@/lib/diff/line-diff";

/** Code as a table of numbered lines, so reviewers can refer to a line; comments already made show under their line. */
export function NumberedCode({
  code,
  caption,
  comments = [],
}: {
  code: string;
  caption: string;
  comments?: { line: number; body: string; author: string }[];
}) {
  const lines = splitLines(code);
  return (
    <div className="diff numbered-code" data-testid="numbered-code">
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
            <LineRow key={i} number={i + 1} text={text} comments={comments.filter((c) => c.line === i + 1)} />
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
}: {
  number: number;
  text: string;
  comments: { body: string; author: string }[];
}) {
  return (
    <>
      <tr id={`L${number}`}>
        <td className="ln">{number}</td>
        <td>
          <code>{text || " "}</code>
        </td>
      </tr>
      {comments.map((c, i) => (
        <tr key={i} className="line-comment">
          <td className="ln" />
          <td>
            <strong>{c.author}:</strong> {c.body}
          </td>
        </tr>
      ))}
    </>
  );
}
