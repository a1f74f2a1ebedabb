import { clientIp, DIRECT_CLIENT, UNKNOWN_CLIENT } from "@/lib/auth/client-ip";

describe("clientIp", () => {
  test("served directly, X-Forwarded-For is the client's to choose and is ignored", () => {
    expect(clientIp({ "x-forwarded-for": "203.0.113.9" }, 0)).toBe(DIRECT_CLIENT);
    expect(clientIp(undefined, 0)).toBe(DIRECT_CLIENT);
  });

  test("behind one proxy, the entry that proxy appended is the client; spoofed entries left of it are ignored", () => {
    expect(clientIp({ "x-forwarded-for": "203.0.113.9" }, 1)).toBe("203.0.113.9");
    expect(clientIp({ "x-forwarded-for": "1.2.3.4, 5.6.7.8, 203.0.113.9" }, 1)).toBe("203.0.113.9");
  });

  test("behind two proxies, the second entry from the right", () => {
    expect(clientIp({ "x-forwarded-for": "1.2.3.4, 198.51.100.7, 10.0.0.2" }, 2)).toBe("198.51.100.7");
    expect(clientIp({ "x-forwarded-for": ["1.2.3.4", "198.51.100.7, 10.0.0.2"] }, 2)).toBe("198.51.100.7");
  });

  test("a request that did not pass every trusted proxy, or has no header, is unknown", () => {
    expect(clientIp({ "x-forwarded-for": "10.0.0.2" }, 2)).toBe(UNKNOWN_CLIENT);
    expect(clientIp({}, 1)).toBe(UNKNOWN_CLIENT);
    expect(clientIp({ "x-forwarded-for": "x".repeat(500) }, 1)).toBe(UNKNOWN_CLIENT);
  });
});
