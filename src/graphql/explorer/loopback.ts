import { AsyncLocalStorage } from "node:async_hooks";
import type { RequestHandler } from "express";

/**
 * Whether a connection comes from this machine. The socket's own address only: X-Forwarded-For is
 * whatever the caller wrote, so it never makes a caller local.
 */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const ipv4 = address.startsWith("::ffff:") ? address.slice("::ffff:".length) : address;
  return address === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ipv4);
}

// Apollo renders its landing page without the request, so the request's caller is kept here.
const pageCaller = new AsyncLocalStorage<{ loopback: boolean }>();

/**
 * Remembers, for the rest of a GET (the only request the landing page answers), whether its caller
 * is on this machine. Operations sent by POST pass by: once a store is entered, Node tracks every
 * promise of the process for it, a cost no query should pay (issue 15 §4).
 */
export const rememberPageCaller: RequestHandler = (request, _response, next) =>
  request.method === "GET"
    ? pageCaller.run({ loopback: isLoopbackAddress(request.socket.remoteAddress) }, next)
    : next();

/** True only inside a request remembered by `rememberPageCaller` whose caller is on this machine. */
export function pageCallerIsLoopback(): boolean {
  return pageCaller.getStore()?.loopback === true;
}
