/**
 * First-start configuration with no manual editing: if NEXTAUTH_SECRET is not
 * set anywhere, generate a strong one into .env.local (git-ignored, mode 600),
 * then load .env files the way Next does, so scripts and the server agree.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { loadEnvConfig } from "@next/env";

const ROOT = path.resolve(__dirname, "..");

/** Loads .env files into process.env the way Next does (the environment wins). */
export function loadLocalEnv(root: string = ROOT): void {
  loadEnvConfig(root, process.env.NODE_ENV !== "production", { info: () => {}, error: console.error }, true);
}

export function ensureLocalEnv(root: string = ROOT): void {
  loadLocalEnv(root);
  if (process.env.NEXTAUTH_SECRET) return;
  const file = path.join(root, ".env.local");
  const secret = crypto.randomBytes(48).toString("base64url");
  const existing = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  const line = `# Generated on first start; keep it secret (signs session cookies).\nNEXTAUTH_SECRET=${secret}\n`;
  fs.writeFileSync(file, (existing && !existing.endsWith("\n") ? existing + "\n" : existing) + line, { mode: 0o600 });
  process.env.NEXTAUTH_SECRET = secret;
  console.log("[leakless] generated NEXTAUTH_SECRET into .env.local");
}
