/**
 * Lesson and prompt files start with their own `# Title`; the page around them
 * already shows the title as its h1. Dropping the file's leading h1 keeps one
 * h1 per page and lets the file's `##` sections sit right under it.
 */
export function withoutLeadingHeading(markdown: string): string {
  // ATX h1 only ("# Title", optional closing #s); "## ..." and setext headings stay.
  const match = /^(?:[ \t]*\r?\n)*[ \t]{0,3}#[ \t]+[^\r\n]*(?:\r?\n|$)/.exec(markdown);
  return match ? markdown.slice(match[0].length) : markdown;
}
