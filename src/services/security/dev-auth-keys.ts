import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type KeyLike } from "jose";
import { wallClock } from "../../domain/calendar/clock";

// Development only: the server is its own token issuer, with an ES256 key pair kept on disk so
// `npm run token` and the server agree across restarts. Production uses the issuer's JWKS.
const ALGORITHM = "ES256";

export interface DevKeys {
  privateKey: KeyLike | Uint8Array;
  publicJwks: { keys: JWK[] };
  keyId: string;
}

export async function loadOrCreateDevKeys(keyDir: string): Promise<DevKeys> {
  const file = join(keyDir, "signing-key.jwk.json");
  if (!existsSync(file)) {
    const { privateKey } = await generateKeyPair(ALGORITHM, { extractable: true });
    const jwk = await exportJWK(privateKey);
    mkdirSync(keyDir, { recursive: true });
    writeFileSync(file, JSON.stringify({ ...jwk, alg: ALGORITHM, kid: `dev-${wallClock().getTime().toString(36)}` }), {
      mode: 0o600,
    });
  }
  const jwk = JSON.parse(readFileSync(file, "utf8")) as JWK & { kid: string };
  const { d: _private, ...publicJwk } = jwk;
  return {
    privateKey: await importJWK(jwk, ALGORITHM),
    publicJwks: { keys: [{ ...publicJwk, use: "sig" }] },
    keyId: jwk.kid,
  };
}

export interface TokenRequest {
  issuer: string;
  /** A user token (HMPPS Auth `user_name`), or a client-credentials token for a system. */
  user?: string;
  client?: string;
  roles: string[];
  ttlSeconds?: number;
  /** The audience the server checks (AUTH_AUDIENCE), when it checks one. */
  audience?: string | null;
}

export async function signDevToken(keys: DevKeys, request: TokenRequest): Promise<string> {
  const authorities = request.roles.map((role) => (role.startsWith("ROLE_") ? role : `ROLE_${role}`));
  const claims: Record<string, unknown> = {
    authorities,
    ...(request.user ? { user_name: request.user } : { client_id: request.client }),
    ...(request.audience ? { aud: request.audience } : {}),
  };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALGORITHM, kid: keys.keyId, typ: "JWT" })
    .setIssuer(request.issuer)
    .setSubject(request.user ?? request.client ?? "unknown")
    .setIssuedAt()
    .setNotBefore("0s")
    .setExpirationTime(`${request.ttlSeconds ?? 3600}s`)
    .sign(keys.privateKey);
}
