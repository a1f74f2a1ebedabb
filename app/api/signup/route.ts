import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import { signUp } from "@/lib/users/sign-up";
import { handle, jsonError, readJson } from "@/lib/http/respond";

/** A sign-up form is tiny; anything larger is refused before parsing. */
const SIGN_UP_BODY_LIMIT = 4 * 1024;

export const POST = handle(async (req: Request) => {
  const body = await readJson(req, SIGN_UP_BODY_LIMIT);
  const result = await signUp(db, body);
  if (!result.ok) return jsonError(result.status, result.error, result.fieldErrors);
  return NextResponse.json({ user: result.user }, { status: 201 });
});
