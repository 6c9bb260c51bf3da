import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JWK } from "jose";
import { wallClock } from "../../domain/calendar/clock";
import { Role } from "../../domain/security/role.enum";

export type Caller = (
  | { kind: "USER"; username: string; roles: Role[] }
  | { kind: "SYSTEM"; clientId: string; roles: Role[] }
) & {
  /** When the token that named the caller expires (a live-update connection is closed then). */
  expiresAt?: Date;
};

/** Why a token was refused: logged, and named to the caller outside production. */
export type AuthenticationFailureReason =
  | "MISSING"
  | "MALFORMED"
  | "EXPIRED"
  | "NOT_YET_VALID"
  | "WRONG_ISSUER"
  | "WRONG_AUDIENCE"
  | "LIFETIME_TOO_LONG"
  | "MISSING_CLAIM"
  | "ALGORITHM_NOT_ALLOWED"
  | "UNKNOWN_KEY"
  | "BAD_SIGNATURE"
  | "NO_AUTHORITIES"
  | "UNUSABLE_SUBJECT";

export class AuthenticationFailure extends Error {
  override name = "AuthenticationFailure";

  constructor(readonly reason: AuthenticationFailureReason) {
    super(`token refused: ${reason}`);
  }
}

// jose's error codes, as the reasons this service names.
const JOSE_REASONS: Record<string, AuthenticationFailureReason> = {
  ERR_JWT_EXPIRED: "EXPIRED",
  ERR_JOSE_ALG_NOT_ALLOWED: "ALGORITHM_NOT_ALLOWED",
  ERR_JWKS_NO_MATCHING_KEY: "UNKNOWN_KEY",
  ERR_JWKS_MULTIPLE_MATCHING_KEYS: "UNKNOWN_KEY",
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: "BAD_SIGNATURE",
};

function reasonOf(error: unknown): AuthenticationFailureReason {
  const { code, claim, reason } = (error ?? {}) as { code?: string; claim?: string; reason?: string };
  if (code === "ERR_JWT_CLAIM_VALIDATION_FAILED") {
    if (claim === "iss") return "WRONG_ISSUER";
    if (claim === "aud" && reason !== "missing") return "WRONG_AUDIENCE";
    if (claim === "nbf" || claim === "iat") return "NOT_YET_VALID";
    return reason === "missing" ? "MISSING_CLAIM" : "MALFORMED";
  }
  return (code && JOSE_REASONS[code]) || "MALFORMED";
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
  /** Set: the token's `aud` must name it. */
  audience?: string | null;
  /** Set (production): a token living longer than this many seconds is refused. */
  maxLifetimeSeconds?: number | null;
}): TokenVerifier {
  const keySet = options.jwksUrl
    ? createRemoteJWKSet(new URL(options.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 600_000 })
    : createLocalJWKSet(options.jwks!);
  return async (token) => {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, keySet, {
        issuer: options.issuer,
        ...(options.audience ? { audience: options.audience } : {}),
        algorithms: ALGORITHMS,
        requiredClaims: ["exp"],
        clockTolerance: 30,
      }));
    } catch (error) {
      throw new AuthenticationFailure(reasonOf(error));
    }
    const expirySeconds = Number(payload.exp);
    if (options.maxLifetimeSeconds != null) {
      // From when it was issued, or from now if it does not say (nor from a date yet to come).
      const nowSeconds = Math.floor(wallClock().getTime() / 1000);
      const from = typeof payload.iat === "number" ? Math.min(payload.iat, nowSeconds) : nowSeconds;
      if (expirySeconds - from > options.maxLifetimeSeconds) throw new AuthenticationFailure("LIFETIME_TOO_LONG");
    }
    return { ...callerFromClaims(payload), expiresAt: new Date(expirySeconds * 1000) };
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
    throw new AuthenticationFailure("NO_AUTHORITIES");
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
    if (!USER_NAME.test(user)) throw new AuthenticationFailure("UNUSABLE_SUBJECT");
    return { kind: "USER", username: user, roles };
  }
  const client =
    typeof claims.client_id === "string" ? claims.client_id : typeof claims.sub === "string" ? claims.sub : null;
  if (!client) throw new AuthenticationFailure("UNUSABLE_SUBJECT");
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
