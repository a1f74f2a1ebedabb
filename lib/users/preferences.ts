/**
 * A user's own settings, kept on their account so they follow them to any
 * browser: today the code editor's font size.
 */
import { z } from "zod";
import type { Db } from "../db/create-client";
import type { SessionUser } from "../auth/session";
import { parseWith } from "../http/errors";

export const EDITOR_FONT_SIZES = { min: 11, max: 24, default: 14 } as const;

export const PreferencesSchema = z.object({
  editorFontSize: z
    .number("The font size must be a number.")
    .int("The font size must be a whole number of pixels.")
    .min(EDITOR_FONT_SIZES.min, `The font size must be at least ${EDITOR_FONT_SIZES.min} px.`)
    .max(EDITOR_FONT_SIZES.max, `The font size must be at most ${EDITOR_FONT_SIZES.max} px.`),
});

export type Preferences = { editorFontSize: number };

export async function getPreferences(db: Db, user: SessionUser): Promise<Preferences> {
  const row = await db.user.findUnique({ where: { id: user.id }, select: { editorFontSize: true } });
  return { editorFontSize: row?.editorFontSize ?? EDITOR_FONT_SIZES.default };
}

/** Only the signed-in user's own row: the id comes from the session, never from the request. */
export async function setPreferences(db: Db, user: SessionUser, input: unknown): Promise<Preferences> {
  const { editorFontSize } = parseWith(PreferencesSchema, input);
  await db.user.update({ where: { id: user.id }, data: { editorFontSize } });
  return { editorFontSize };
}
