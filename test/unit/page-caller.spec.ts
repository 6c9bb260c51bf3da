import type { NextFunction, Request, Response } from "express";
import { pageCallerIsLoopback, rememberPageCaller } from "../../src/graphql/explorer/loopback";

// The landing page (a GET) learns whether its caller is on this machine; an operation sent by POST
// enters no async store, so Node need not track its promises (issue 15 §4).
describe("remembering the landing page's caller", () => {
  /** Whether the rest of a request of this method and address reads as from this machine. */
  const through = (method: string, remoteAddress: string) =>
    new Promise<boolean>((resolve) => {
      const request = { method, socket: { remoteAddress } } as Request;
      rememberPageCaller(request, {} as Response, (() => resolve(pageCallerIsLoopback())) as NextFunction);
    });

  it("should remember a GET from this machine, and one from elsewhere as not local", async () => {
    expect(await through("GET", "127.0.0.1")).toBe(true);
    expect(await through("GET", "10.1.2.3")).toBe(false);
  });

  it("should let a POST pass without entering the store, even from this machine", async () => {
    // Remembered, it would read as local.
    expect(await through("POST", "127.0.0.1")).toBe(false);
  });
});
