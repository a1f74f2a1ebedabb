/**
 * A signed-in user over plain HTTP: the same next-auth credentials flow a
 * browser goes through (CSRF token, then the credentials callback), with a
 * cookie jar, so tests and the load test make real authenticated requests
 * without a browser per user.
 */
import { fetchIdempotentOnce } from "./fetch-idempotent";

export type HttpResponse = { status: number; body: unknown; text: string };

export class HttpSession {
  private readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  private remember(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      // An expired or emptied cookie is a deletion.
      if (value === "" || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** One request with this session's cookies; redirects are not followed (a 3xx is reported as is). */
  async request(method: string, path: string, body?: unknown): Promise<HttpResponse> {
    const headers: Record<string, string> = { cookie: this.cookieHeader() };
    let payload: string | undefined;
    if (body instanceof URLSearchParams) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      payload = body.toString();
    } else if (body !== undefined) {
      headers["content-type"] = "application/json";
      payload = JSON.stringify(body);
    }
    const res = await fetchIdempotentOnce(new URL(path, this.baseUrl), {
      method,
      headers,
      body: payload,
      redirect: "manual",
    });
    this.remember(res);
    const text = await res.text();
    let parsed: unknown = undefined;
    if ((res.headers.get("content-type") ?? "").includes("application/json")) {
      try {
        parsed = JSON.parse(text);
      } catch {
        // reported through `text`
      }
    }
    return { status: res.status, body: parsed, text };
  }

  get(path: string) {
    return this.request("GET", path);
  }

  /**
   * Signs in with email and password through next-auth's credentials
   * callback. Throws with the server's answer when no session cookie came back.
   */
  async signIn(email: string, password: string): Promise<void> {
    const csrf = await this.get("/api/auth/csrf");
    const csrfToken = (csrf.body as { csrfToken?: string } | undefined)?.csrfToken;
    if (csrf.status !== 200 || !csrfToken)
      throw new Error(`no CSRF token (${csrf.status}): ${csrf.text.slice(0, 200)}`);
    const res = await this.request(
      "POST",
      "/api/auth/callback/credentials",
      new URLSearchParams({ email, password, csrfToken, callbackUrl: this.baseUrl, json: "true" }),
    );
    if (!this.hasSession()) {
      throw new Error(`sign-in refused for ${email} (${res.status}): ${res.text.slice(0, 200)}`);
    }
  }

  /** The same signed-in user talking to another instance (behind a load balancer, any instance may answer). */
  on(baseUrl: string): HttpSession {
    const other = new HttpSession(baseUrl);
    for (const [name, value] of this.cookies) other.cookies.set(name, value);
    return other;
  }

  hasSession(): boolean {
    return [...this.cookies.keys()].some((name) => name.endsWith("next-auth.session-token"));
  }
}
