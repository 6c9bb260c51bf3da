import type { IncomingMessage } from "node:http";
import { isPlainJsonPost } from "../../src/graphql/posted-operations";

// Which requests skip Express: only the plain shape; body-parser answers everything else.
describe("isPlainJsonPost", () => {
  const request = (overrides: { method?: string; url?: string; headers?: Record<string, string> } = {}) =>
    ({
      method: overrides.method ?? "POST",
      url: overrides.url ?? "/graphql",
      headers: { "content-type": "application/json", "content-length": "40", ...overrides.headers },
    }) as unknown as IncomingMessage;

  it("should take a JSON POST of known length to /graphql or /, with or without a query string", () => {
    expect(isPlainJsonPost(request())).toBe(true);
    expect(isPlainJsonPost(request({ url: "/" }))).toBe(true);
    expect(isPlainJsonPost(request({ url: "/graphql?x=1" }))).toBe(true);
    for (const contentType of ["application/json; charset=utf-8", 'Application/JSON;charset="UTF-8"'])
      expect(isPlainJsonPost(request({ headers: { "content-type": contentType } }))).toBe(true);
    expect(isPlainJsonPost(request({ headers: { "content-length": String(100 * 1024) } }))).toBe(true);
  });

  it("should leave every other request to Express", () => {
    const others = [
      request({ method: "GET" }),
      request({ method: "OPTIONS" }),
      request({ url: "/explorer" }),
      request({ url: "/graphqlx" }),
      request({ url: "/graphql/" }),
      request({ headers: { "content-type": "text/plain" } }),
      request({ headers: { "content-type": "application/json; charset=utf-16" } }),
      request({ headers: { "content-type": "application/jsonx" } }),
      request({ headers: { "content-encoding": "gzip" } }),
      request({ headers: { "transfer-encoding": "chunked" } }),
      request({ headers: { "content-length": String(100 * 1024 + 1) } }),
      request({ headers: { "content-length": "12abc" } }),
      {
        method: "POST",
        url: "/graphql",
        headers: { "content-type": "application/json" },
      } as unknown as IncomingMessage,
    ];
    for (const other of others) expect(isPlainJsonPost(other)).toBe(false);
  });
});
