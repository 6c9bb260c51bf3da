import { hash } from "node:crypto";
import { LRUCache } from "lru-cache";
import { wallClock } from "../../domain/calendar/clock";
import type { Caller, TokenVerifier } from "./identity";

/** How many tokens' callers one instance keeps (officers and systems signed in at once, with room). */
const VERIFIED_TOKENS_KEPT = 10_000;

/**
 * Checks each token's signature and claims once, then answers its caller from memory until the
 * token expires: the ES256 check cost 7–8 % of each request (issue 15 §3). Refusals are not kept,
 * so a bad token is checked every time. Tokens are kept by their SHA-256, never as they are, and
 * the least recently used are dropped past `max`. Each answer is a copy, so no request can change
 * what another is told.
 */
export function cachingTokenVerifier(verify: TokenVerifier, max = VERIFIED_TOKENS_KEPT): TokenVerifier {
  const verified = new LRUCache<string, Caller>({ max });
  return async (token) => {
    // One-shot: half the cost of a Hash object.
    const key = hash("sha256", token, "base64url");
    const known = verified.get(key);
    if (known && stillValid(known)) return copyOf(known);
    const caller = await verify(token);
    verified.set(key, copyOf(caller));
    return caller;
  };
}

// A caller whose token has no known expiry is never answered from memory.
function stillValid(caller: Caller): boolean {
  return caller.expiresAt !== undefined && caller.expiresAt.getTime() > wallClock().getTime();
}

function copyOf(caller: Caller): Caller {
  return {
    ...caller,
    roles: [...caller.roles],
    ...(caller.expiresAt ? { expiresAt: new Date(caller.expiresAt) } : {}),
  };
}
