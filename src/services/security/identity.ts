import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JWK } from "jose";
import { Role } from "../../domain/security/role.enum";

export type Caller = (
  | { kind: "USER"; username: string; roles: Role[] }
  | { kind: "SYSTEM"; clientId: string; roles: Role[] }
) & {
  /** When the token that named the caller expires (a live-update connection is closed then). */
  expiresAt?: Date;
};

export class AuthenticationFailure extends Error {
  override name = "AuthenticationFailure";
}

const KNOWN_ROLES = new Set<string>(Object.values(Role));
const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/;
// Asymmetric only: an HS256 token "signed" with the public key must never verify.
const ALGORITHMS = ["RS256", "ES256"];

export type TokenVerifier = (token: string) => Promise<Caller>;

export function createTokenVerifier(options: {
  issuer: string;
  jwksUrl?: string;
  jwks?: { keys: JWK[] };
}): TokenVerifier {
  const keySet = options.jwksUrl
    ? createRemoteJWKSet(new URL(options.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 600_000 })
    : createLocalJWKSet(options.jwks!);
  return async (token) => {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, keySet, {
        issuer: options.issuer,
        algorithms: ALGORITHMS,
        requiredClaims: ["exp"],
        clockTolerance: 30,
      }));
    } catch {
      // The reason (expired, bad signature, unknown key) is not told to the caller.
      throw new AuthenticationFailure("token rejected");
    }
    return { ...callerFromClaims(payload), expiresAt: new Date(Number(payload.exp) * 1000) };
  };
}

// HMPPS Auth puts the user in `user_name` (else `sub`); a client-credentials token carries
// `client_id` (and grant_type client_credentials) and no user: it is a system.
function callerFromClaims(claims: Record<string, unknown>): Caller {
  const authorities = claims.authorities;
  if (
    !Array.isArray(authorities) ||
    authorities.length === 0 ||
    !authorities.every((item) => typeof item === "string")
  ) {
    throw new AuthenticationFailure("token has no authorities");
  }
  const roles = [...new Set(authorities.filter((item) => KNOWN_ROLES.has(item)))] as Role[];
  const clientCredentials = typeof claims.client_id === "string" || claims.grant_type === "client_credentials";
  const user =
    typeof claims.user_name === "string"
      ? claims.user_name
      : !clientCredentials && typeof claims.sub === "string"
        ? claims.sub
        : null;
  if (user) {
    // A plain name only: "system:custody-feed" as a user would pass for the feed in every record.
    if (!USER_NAME.test(user)) throw new AuthenticationFailure("token has an unusable user name");
    return { kind: "USER", username: user, roles };
  }
  const client =
    typeof claims.client_id === "string" ? claims.client_id : typeof claims.sub === "string" ? claims.sub : null;
  if (!client) throw new AuthenticationFailure("token names no user or client");
  return { kind: "SYSTEM", clientId: client, roles };
}

/** What history rows record as the actor. */
export function actorOf(caller: Caller): string {
  return caller.kind === "USER" ? caller.username : `system:${caller.clientId}`;
}

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(header?.trim() ?? "");
  return match ? match[1] : null;
}
