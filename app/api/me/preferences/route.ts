import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import { requireUser } from "@/lib/auth/session";
import { handle, readJson } from "@/lib/http/respond";
import { getPreferences, setPreferences } from "@/lib/users/preferences";

/** The signed-in user's own settings (the editor's font size). */
export const GET = handle(async () => NextResponse.json(await getPreferences(db, await requireUser())));

export const PUT = handle(async (req: Request) => {
  const user = await requireUser();
  return NextResponse.json(await setPreferences(db, user, await readJson(req, 1024)));
});
