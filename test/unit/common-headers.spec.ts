import cors from "cors";
import { Socket } from "node:net";
import { IncomingMessage, ServerResponse } from "node:http";
import { setCommonHeaders } from "../../src/graphql/common-headers";

function exchange(method: string, headers: Record<string, string>) {
  const request = new IncomingMessage(new Socket());
  request.method = method;
  request.headers = headers;
  return { request, response: new ServerResponse(request) };
}

// What the answer carries, header by header.
function headersSentBy(
  set: (request: IncomingMessage, response: ServerResponse, next: () => void) => void,
  method: string,
  headers: Record<string, string>,
) {
  const { request, response } = exchange(method, headers);
  let continued = false;
  set(request, response, () => (continued = true));
  return { headers: response.getHeaderNames().map((name) => [name, response.getHeader(name)]), continued };
}

describe("the headers every answer carries", () => {
  const byCors = cors<cors.CorsRequest>();
  const withCors = (request: IncomingMessage, response: ServerResponse, next: () => void) => {
    response.setHeader("cache-control", "no-store");
    byCors(request, response, next);
  };

  it.each([
    ["POST", {}],
    ["POST", { origin: "https://vcs.example.gov.uk" }],
    ["GET", { origin: "https://vcs.example.gov.uk" }],
    ["HEAD", {}],
    ["OPTIONS", { origin: "https://vcs.example.gov.uk", "access-control-request-method": "POST" }],
  ])("should answer a %s (%j) exactly as cors's default with no-store", (method, headers) => {
    const ours = headersSentBy(setCommonHeaders, method, headers);
    expect(ours).toEqual(headersSentBy(withCors, method, headers));
    expect(ours.headers).toContainEqual(["cache-control", "no-store"]);
    expect(ours.headers).toContainEqual(["access-control-allow-origin", "*"]);
  });
});
