/**
 * One actor over plain HTTP with a cookie jar: signs in through next-auth's
 * real credentials flow (CSRF token, then the credentials callback), signs
 * out the same way, and makes requests without following redirects, so a
 * test sees the status the server chose (a 307 to /signin, a 403, a 404).
 * Much cheaper than a browser per actor for authorization cells.
 */
import { readState } from "./state";
import { fetchIdempotentOnce } from "./fetch-idempotent";

export interface HttpAnswer {
  status: number;
  location: string | null;
  contentType: string;
  text: string;
  json: Record<string, unknown> | null;
}

export class HttpActor {
  readonly jar = new Map<string, string>();

  constructor(
    readonly label: string,
    /** Sent as X-Forwarded-For, so rate-limit tests count on an address of their own. */
    readonly ip?: string,
  ) {}

  get baseUrl(): string {
    return readState().url;
  }

  cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** A second actor holding a copy of this one's cookies (another tab, or a stolen cookie). */
  copy(label: string): HttpActor {
    const other = new HttpActor(label, this.ip);
    for (const [k, v] of this.jar) other.jar.set(k, v);
    return other;
  }

  hasSession(): boolean {
    return [...this.jar.keys()].some((k) => k.endsWith("next-auth.session-token"));
  }

  async request(
    method: string,
    path: string,
    opts: { json?: unknown; form?: Record<string, string>; raw?: string; headers?: Record<string, string> } = {},
  ): Promise<HttpAnswer> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    const cookie = this.cookieHeader();
    if (cookie) headers.cookie = cookie;
    if (this.ip) headers["x-forwarded-for"] = this.ip;
    let body: string | undefined = opts.raw;
    if (opts.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(opts.json);
    } else if (opts.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(opts.form).toString();
    }
    const res = await fetchIdempotentOnce(new URL(path, this.baseUrl), { method, headers, body, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === "" || /max-age=0\b/i.test(line) || /expires=thu, 01 jan 1970/i.test(line)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    const text = await res.text();
    const contentType = res.headers.get("content-type") ?? "";
    let json: Record<string, unknown> | null = null;
    if (contentType.includes("application/json")) {
      try {
        json = JSON.parse(text) as Record<string, unknown>;
      } catch {
        json = null;
      }
    }
    return { status: res.status, location: res.headers.get("location"), contentType, text, json };
  }

  async csrfToken(): Promise<string> {
    const res = await this.request("GET", "/api/auth/csrf");
    const token = res.json?.csrfToken;
    if (typeof token !== "string") throw new Error(`${this.label}: no CSRF token (${res.status})`);
    return token;
  }

  /** Try to sign in; returns the credentials callback's answer (check hasSession() for the outcome). */
  async trySignIn(email: string, password: string): Promise<HttpAnswer> {
    const csrfToken = await this.csrfToken();
    return this.request("POST", "/api/auth/callback/credentials", {
      form: { email, password, csrfToken, callbackUrl: this.baseUrl, json: "true" },
    });
  }

  async signIn(email: string, password: string): Promise<this> {
    const res = await this.trySignIn(email, password);
    if (!this.hasSession()) throw new Error(`${this.label}: sign-in refused (${res.status}) ${res.text.slice(0, 200)}`);
    return this;
  }

  async signOut(): Promise<HttpAnswer> {
    const csrfToken = await this.csrfToken();
    return this.request("POST", "/api/auth/signout", { form: { csrfToken, callbackUrl: this.baseUrl, json: "true" } });
  }
}
