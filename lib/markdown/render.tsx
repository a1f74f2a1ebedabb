/**
 * Course Markdown (lessons, exercise prompts) rendered as React elements.
 *
 * Safe by construction: react-markdown builds elements from the Markdown
 * syntax tree and never injects HTML — raw HTML in the source is dropped
 * (no rehype-raw), and link/image URLs go through react-markdown's default
 * `urlTransform`, which keeps only http(s), mailto, tel and relative URLs
 * (a `javascript:` link loses its href). Content is written by instructors,
 * but a course repository takes pull requests, so it is treated as untrusted.
 *
 * Works in server components (no hooks): pages render Markdown on the server
 * and send HTML, so no Markdown parser ships to the browser.
 */
import type { ComponentProps, ReactNode } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";

const components: Components = {
  // Fenced blocks: keep the language as a data attribute and a class for styling.
  // A long line scrolls sideways, so the block takes keyboard focus to be scrolled too.
  pre({ children }) {
    return (
      <pre className="md-code" tabIndex={0}>
        {children}
      </pre>
    );
  },
  code({ className, children }) {
    const language = /language-([\w-]+)/.exec(className ?? "")?.[1];
    return (
      <code className={className} data-language={language}>
        {children}
      </code>
    );
  },
  // External links open normally but without handing the opener to the target.
  a({ href, children }) {
    const external = typeof href === "string" && /^https?:\/\//.test(href);
    return (
      <a href={href} {...(external ? { rel: "noopener noreferrer" } : {})}>
        {children}
      </a>
    );
  },
  // Tables scroll horizontally instead of breaking the layout on small screens.
  table({ children }) {
    return (
      <div className="md-table">
        <table>{children}</table>
      </div>
    );
  },
};

/** The text of a fenced block's code element, and its language, from the syntax tree. */
function fencedCode(node: unknown): { language: string | null; text: string } | null {
  type Hast = {
    type: string;
    tagName?: string;
    value?: string;
    properties?: { className?: unknown };
    children?: Hast[];
  };
  const code = (node as Hast | undefined)?.children?.find((c) => c.type === "element" && c.tagName === "code");
  if (!code) return null;
  const classes = Array.isArray(code.properties?.className) ? code.properties.className.map(String) : [];
  const language = classes.find((c) => c.startsWith("language-"))?.slice("language-".length) ?? null;
  const text = (code.children ?? []).map((c) => c.value ?? "").join("");
  return { language, text };
}

export interface MarkdownProps {
  /** The Markdown source. */
  children: string;
  /**
   * Shift headings down so a document's `#` does not compete with the page's own h1
   * (a lesson page already has the section title as h1). 0 keeps them as written.
   */
  headingOffset?: 0 | 1 | 2;
  className?: string;
  /**
   * Wraps each ```python block (the block and a Run button, a client
   * component): lessons pass the app's RunnableCode. Left out, blocks are text.
   */
  runnable?: (props: { code: string; children: ReactNode }) => ReactNode;
}

export function Markdown({ children, headingOffset = 0, className, runnable: Runnable }: MarkdownProps) {
  let chosen = headingOffset ? { ...components, ...shiftedHeadings(headingOffset) } : components;
  if (Runnable) {
    chosen = {
      ...chosen,
      pre({ node, children: inner }) {
        const block = components.pre as (props: { children: ReactNode }) => ReactNode;
        const fenced = fencedCode(node);
        const rendered = block({ children: inner });
        return fenced?.language === "python" ? <Runnable code={fenced.text}>{rendered}</Runnable> : rendered;
      },
    };
  }
  return (
    <div className={["markdown", className].filter(Boolean).join(" ")}>
      <ReactMarkdown remarkPlugins={[remarkGfm]} skipHtml components={chosen}>
        {children}
      </ReactMarkdown>
    </div>
  );
}

type HeadingTag = "h1" | "h2" | "h3" | "h4" | "h5" | "h6";
const HEADINGS: HeadingTag[] = ["h1", "h2", "h3", "h4", "h5", "h6"];

function shiftedHeadings(offset: number): Partial<Components> {
  const shifted: Partial<Components> = {};
  HEADINGS.forEach((tag, level) => {
    const Target = HEADINGS[Math.min(level + offset, 5)];
    shifted[tag] = ({ children }: ComponentProps<HeadingTag>) => <Target>{children}</Target>;
  });
  return shifted;
}
