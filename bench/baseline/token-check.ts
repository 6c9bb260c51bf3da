import { hash } from "node:crypto";
import { createLocalJWKSet, jwtVerify, type JWK } from "jose";
import { LRUCache } from "lru-cache";

/** Who a token names, and until when: all the baseline needs of it. */
export interface TokenHolder {
  username: string;
  roles: string[];
  expiresAtMs: number;
}

/** A token the baseline refuses; the server answers 401. */
export class TokenRefused extends Error {
  override name = "TokenRefused";
}

/**
 * The service's token check, by hand: ES256 against the issuer's keys with the same claims checked
 * (issuer, exp required, 30 s tolerance), then each token's holder kept by the token's SHA-256
 * until it expires, up to 10,000 tokens (src/services/security/token-cache.ts).
 */
export function createTokenCheck(issuer: string, jwks: { keys: JWK[] }): (token: string) => Promise<TokenHolder> {
  const keySet = createLocalJWKSet(jwks);
  const verified = new LRUCache<string, TokenHolder>({ max: 10_000 });
  return async (token) => {
    const key = hash("sha256", token, "base64url");
    const known = verified.get(key);
    if (known && known.expiresAtMs > Date.now()) return { ...known, roles: [...known.roles] };
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, keySet, {
        issuer,
        algorithms: ["RS256", "ES256"],
        requiredClaims: ["exp"],
        clockTolerance: 30,
      }));
    } catch {
      throw new TokenRefused("token refused");
    }
    const authorities = payload.authorities;
    if (typeof payload.user_name !== "string" || !Array.isArray(authorities))
      throw new TokenRefused("the baseline serves user tokens with authorities only");
    const holder = {
      username: payload.user_name,
      roles: authorities.filter((role): role is string => typeof role === "string"),
      expiresAtMs: Number(payload.exp) * 1000,
    };
    verified.set(key, holder);
    return { ...holder, roles: [...holder.roles] };
  };
}
