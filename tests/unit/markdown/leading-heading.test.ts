import { withoutLeadingHeading } from "@/lib/markdown/leading-heading";

describe("withoutLeadingHeading", () => {
  test("drops the file's leading h1 (after blank lines) and nothing else", () => {
    expect(withoutLeadingHeading("# Break the parent cycle\n\n`Node` builds a tree.\n")).toBe(
      "\n`Node` builds a tree.\n",
    );
    expect(withoutLeadingHeading("\n\n# Title #\r\nBody")).toBe("Body");
    expect(withoutLeadingHeading("# Only a title")).toBe("");
  });

  test("keeps documents that do not start with an h1", () => {
    for (const doc of [
      "## Section\ntext",
      "Intro\n# Later title",
      "#hashtag is not a heading",
      "    # indented code",
      "",
    ]) {
      expect(withoutLeadingHeading(doc)).toBe(doc);
    }
  });
});
