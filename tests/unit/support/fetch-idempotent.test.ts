/**
 * The suites' HTTP clients resend a GET whose connection was closed before any
 * answer, once; never a POST. A real server that drops the first connection.
 */
import net from "node:net";
import { fetchIdempotentOnce } from "@/tests/e2e/support/fetch-idempotent";

let server: net.Server;
let url: URL;
let connections = 0;

beforeAll(async () => {
  server = net.createServer((socket) => {
    const connection = ++connections;
    // The first connection is closed once the request has arrived, unanswered; the others get a plain 200.
    socket.once("data", () => {
      if (connection === 1) socket.destroy();
      else socket.end("HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = new URL(`http://127.0.0.1:${(server.address() as net.AddressInfo).port}/`);
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  connections = 0;
});

test("a GET closed before any answer is sent once more", async () => {
  const res = await fetchIdempotentOnce(url, { method: "GET" });
  expect(await res.text()).toBe("ok");
  expect(connections).toBe(2);
});

test("a POST closed before any answer is not resent", async () => {
  await expect(fetchIdempotentOnce(url, { method: "POST", body: "x" })).rejects.toThrow();
  expect(connections).toBe(1);
});
