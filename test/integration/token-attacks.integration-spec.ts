import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from "jose";
import type { DataSource } from "typeorm";
import type { DevKeys } from "../../src/services/security/dev-auth-keys";
import type { JsonObject } from "../support/harness";
import { CREATE_OFFENDER, offenderInput } from "../support/api";
import {
  startHttpTestBed,
  TEST_ISSUER as ISSUER,
  type GraphQLBody,
  type HttpTestBed,
} from "../support/http-test-server";

const VIEWER = "{ viewer { actor roles } }";
/** The viewer, as VIEWER and the other queries below read it (each asks for some of these). */
interface ViewerData {
  viewer: { actor: string; roles?: string[]; officer?: { id?: string; region?: string | null } | null };
}
const b64url = (value: string | Uint8Array) => Buffer.from(value).toString("base64url");
const now = () => Math.floor(Date.now() / 1000);

// Every way a forged, stale or incomplete token can be presented, over a real HTTP server.
describe("token attacks over HTTP (pglite)", () => {
  let bed: HttpTestBed;
  let dataSource: DataSource;
  let base: string;
  let keys: DevKeys;
  let valid: string;

  /** Signs claims with the dev private key (ES256), with the dev key id unless told otherwise. */
  async function sign(
    claims: JWTPayload,
    options: { kid?: string; iat?: number; exp?: number | null; nbf?: number; issuer?: string } = {},
  ): Promise<string> {
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: "ES256", kid: options.kid ?? keys.keyId, typ: "JWT" })
      .setIssuer(options.issuer ?? ISSUER)
      .setIssuedAt(options.iat ?? now());
    if (options.exp !== null) jwt.setExpirationTime(options.exp ?? now() + 3600);
    if (options.nbf !== undefined) jwt.setNotBefore(options.nbf);
    return jwt.sign(keys.privateKey);
  }

  const post = (authorization: string | undefined, query = VIEWER) =>
    fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(authorization === undefined ? {} : { authorization }) },
      body: JSON.stringify({ query }),
    });

  async function expectUnauthenticated(authorization: string | undefined): Promise<void> {
    const response = await post(
      authorization,
      "{ viewer { actor } victimCases(first: 100) { totalCount nodes { id } } }",
    );
    const body = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
    expect(response.status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(body.data ?? null).toBeNull();
  }

  async function graphql<T = JsonObject>(
    token: string,
    query: string,
  ): Promise<{ status: number; body: GraphQLBody<T> }> {
    const response = await post(`Bearer ${token}`, query);
    return { status: response.status, body: (await response.json()) as GraphQLBody<T> };
  }

  beforeAll(async () => {
    bed = await startHttpTestBed();
    ({ dataSource, keys } = bed);
    valid = await bed.token({ user: "alice.vlo", roles: ["VCS_VLO"] });
    ({ base } = await bed.listen({ sandboxEnabled: false }));
  });

  afterAll(() => bed.close());

  describe("accepted tokens", () => {
    it("should answer 200 with the user's data when the token is valid", async () => {
      const { status, body } = await graphql<ViewerData & { victimCases: { totalCount: number } }>(
        valid,
        "{ viewer { actor roles officer { region } } victimCases(first: 100) { totalCount } }",
      );
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data!.viewer).toEqual({ actor: "alice.vlo", roles: ["VLO"], officer: { region: "NORTH_EAST" } });
      expect(body.data!.victimCases.totalCount).toBeGreaterThan(0);
    });

    it("should make the caller a system when a client-credentials token names a client and no user", async () => {
      const token = await bed.token({ client: "custody-feed", roles: ["VCS_CUSTODY_FEED"] });
      const { status, body } = await graphql<ViewerData>(token, "{ viewer { actor roles officer { id } } }");
      expect(status).toBe(200);
      expect(body.data!.viewer).toEqual({ actor: "system:custody-feed", roles: ["CUSTODY_FEED"], officer: null });
    });

    it("should take the user from sub when a user token has no user_name (HMPPS Auth: user_name, or sub)", async () => {
      const token = await sign({ sub: "alice.vlo", authorities: ["ROLE_VCS_VLO"] });
      const { status, body } = await graphql<ViewerData>(token, "{ viewer { actor officer { region } } }");
      expect(status).toBe(200);
      expect(body.data!.viewer).toEqual({ actor: "alice.vlo", officer: { region: "NORTH_EAST" } });
    });

    it("should make the caller a system named by sub when a client-credentials token has no client_id", async () => {
      const token = await sign({
        sub: "key-dates-feed",
        grant_type: "client_credentials",
        authorities: ["ROLE_VCS_CUSTODY_FEED"],
      } as JWTPayload);
      const { status, body } = await graphql<ViewerData>(token, VIEWER);
      expect(status).toBe(200);
      expect(body.data!.viewer.actor).toBe("system:key-dates-feed");
    });

    it("should ignore unknown authorities when a token carries them beside a known role", async () => {
      const token = await sign({
        user_name: "alice.vlo",
        authorities: ["ROLE_VCS_VLO", "ROLE_VCS_SUPERUSER", "ROLE_ADMIN", "VCS_MANAGER"],
      });
      const { status, body } = await graphql<ViewerData>(token, VIEWER);
      expect(status).toBe(200);
      expect(body.data!.viewer.roles).toEqual(["VLO"]);
    });

    it("should grant nothing when a token carries only unknown authorities", async () => {
      const token = await sign({ user_name: "alice.vlo", authorities: ["ROLE_VCS_SUPERUSER"] });
      const { status, body } = await graphql(token, "{ viewer { roles } victimCases { totalCount } }");
      expect(status).toBe(200);
      expect(body.data).toBeNull();
      expect(body.errors![0].extensions.code).toBe("FORBIDDEN");
      const viewer = await graphql<ViewerData>(token, VIEWER);
      expect(viewer.body.data!.viewer.roles).toEqual([]);
    });

    it("should read no regional case and refuse a referral when the user has no officer record", async () => {
      const token = await sign({ user_name: "unregistered.vlo", authorities: ["ROLE_VCS_VLO"] });
      const viewer = await graphql<ViewerData & { offenders: { nodes: { id: string }[] } }>(
        token,
        "{ viewer { actor officer { id } } offenders(first: 1) { nodes { id } } }",
      );
      expect(viewer.status).toBe(200);
      expect(viewer.body.data!.viewer).toEqual({ actor: "unregistered.vlo", officer: null });
      const offenderId = viewer.body.data!.offenders.nodes[0].id;

      // Alice's region has cases; a VLO with no registered region reaches none of them. (The service
      // refuses the list with FORBIDDEN rather than answering an empty page; either returns no case.)
      const cases = await graphql<{ victimCases: { totalCount: number; nodes: { id: string }[] } | null }>(
        token,
        "{ victimCases(first: 100) { totalCount nodes { id } } }",
      );
      expect(cases.body.data?.victimCases?.nodes ?? []).toEqual([]);
      expect(cases.body.data?.victimCases?.totalCount ?? 0).toBe(0);
      for (const error of cases.body.errors ?? []) expect(error.extensions.code).toBe("FORBIDDEN");
      const visible = await graphql(
        token,
        `{ node(id: "${(await graphql<{ victimCases: { nodes: { id: string }[] } }>(valid, "{ victimCases(first: 1) { nodes { id } } }")).body.data!.victimCases.nodes[0].id}") { id } }`,
      );
      expect(visible.body.data!.node).toBeNull();

      const referral = await graphql(
        token,
        `mutation { referVictimCase(input: { offenderId: "${offenderId}", referredOn: "2026-11-02", contact: { role: VICTIM, name: "Nobody Victim" } }) { victimCase { id } userErrors { code } } }`,
      );
      expect(referral.body.data).toBeNull();
      expect(referral.body.errors![0].extensions.code).toBe("FORBIDDEN");
      const [{ count }] = await dataSource.query(
        `SELECT count(*)::int AS count FROM "case_transition" WHERE "actor" = 'unregistered.vlo'`,
      );
      expect(count).toBe(0);
    });
  });

  describe("clock tolerance", () => {
    it("should accept a token when its expiry and not-before are within the 30 s tolerance", async () => {
      const token = await sign(
        { user_name: "alice.vlo", authorities: ["ROLE_VCS_VLO"] },
        { iat: now() - 600, exp: now() - 10, nbf: now() + 10 },
      );
      const { status, body } = await graphql<ViewerData>(token, VIEWER);
      expect(status).toBe(200);
      expect(body.data!.viewer.actor).toBe("alice.vlo");
    });
  });

  describe("rejected tokens", () => {
    it("should answer 401 UNAUTHENTICATED when there is no Authorization header", async () => {
      await expectUnauthenticated(undefined);
    });

    it("should answer 401 UNAUTHENTICATED when a valid token is sent with the Basic scheme", async () => {
      await expectUnauthenticated(`Basic ${valid}`);
    });

    it("should answer 401 UNAUTHENTICATED when the bearer value is not a JWT", async () => {
      for (const value of ["not-a-jwt", "a.b.c", "", `${valid}.extra`, `${b64url("{}")}.${b64url("{}")}`])
        await expectUnauthenticated(`Bearer ${value}`);
    });

    it("should answer 401 UNAUTHENTICATED when the token has expired", async () => {
      await expectUnauthenticated(
        `Bearer ${await sign({ user_name: "alice.vlo", authorities: ["ROLE_VCS_VLO"] }, { iat: now() - 7200, exp: now() - 3600 })}`,
      );
    });

    it("should answer 401 UNAUTHENTICATED when the token expired just beyond the 30 s tolerance", async () => {
      await expectUnauthenticated(
        `Bearer ${await sign({ user_name: "alice.vlo", authorities: ["ROLE_VCS_VLO"] }, { iat: now() - 600, exp: now() - 45 })}`,
      );
    });

    it("should answer 401 UNAUTHENTICATED when the token has no expiry", async () => {
      await expectUnauthenticated(
        `Bearer ${await sign({ user_name: "alice.vlo", authorities: ["ROLE_VCS_VLO"] }, { exp: null })}`,
      );
    });

    it("should answer 401 UNAUTHENTICATED when the token is not valid yet beyond the 30 s tolerance", async () => {
      await expectUnauthenticated(
        `Bearer ${await sign({ user_name: "alice.vlo", authorities: ["ROLE_VCS_VLO"] }, { nbf: now() + 120 })}`,
      );
    });

    it("should answer 401 UNAUTHENTICATED when the token was issued by another issuer", async () => {
      await expectUnauthenticated(
        `Bearer ${await sign({ user_name: "alice.vlo", authorities: ["ROLE_VCS_VLO"] }, { issuer: "http://evil.example" })}`,
      );
      await expectUnauthenticated(
        `Bearer ${await sign({ user_name: "alice.vlo", authorities: ["ROLE_VCS_VLO"] }, { issuer: `${ISSUER}/` })}`,
      );
    });

    it("should answer 401 UNAUTHENTICATED when the token says alg none and has no signature", async () => {
      const payload = b64url(
        JSON.stringify({
          user_name: "alice.vlo",
          authorities: ["ROLE_VCS_VLO"],
          iss: ISSUER,
          iat: now(),
          exp: now() + 3600,
        }),
      );
      for (const header of [{ alg: "none" }, { alg: "none", typ: "JWT", kid: keys.keyId }, { alg: "None" }]) {
        await expectUnauthenticated(`Bearer ${b64url(JSON.stringify(header))}.${payload}.`);
      }
    });

    it("should answer 401 UNAUTHENTICATED when the token is HS256 signed with the public key as the secret", async () => {
      const jwk = keys.publicJwks.keys[0];
      const secrets = [Buffer.from(JSON.stringify(jwk)), Buffer.from(jwk.x!), Buffer.from(jwk.x!, "base64url")];
      for (const secret of secrets) {
        const token = await new SignJWT({ user_name: "alice.vlo", authorities: ["ROLE_VCS_VLO"] })
          .setProtectedHeader({ alg: "HS256", kid: keys.keyId, typ: "JWT" })
          .setIssuer(ISSUER)
          .setIssuedAt()
          .setExpirationTime("1h")
          .sign(new Uint8Array(secret));
        await expectUnauthenticated(`Bearer ${token}`);
      }
    });

    it("should answer 401 UNAUTHENTICATED when the signature bytes of a valid token are altered", async () => {
      const [header, payload, signature] = valid.split(".");
      const bytes = Buffer.from(signature, "base64url");
      for (const index of [0, bytes.length >> 1, bytes.length - 1]) {
        const altered = Buffer.from(bytes);
        altered[index] ^= 0x01;
        await expectUnauthenticated(`Bearer ${header}.${payload}.${altered.toString("base64url")}`);
      }
    });

    it("should answer 401 UNAUTHENTICATED when the payload of a valid token is altered and the signature kept", async () => {
      const [header, , signature] = valid.split(".");
      const forged = b64url(
        JSON.stringify({
          user_name: "carol.manager",
          authorities: ["ROLE_VCS_MANAGER"],
          iss: ISSUER,
          sub: "carol.manager",
          iat: now(),
          exp: now() + 3600,
        }),
      );
      await expectUnauthenticated(`Bearer ${header}.${forged}.${signature}`);
    });

    it("should answer 401 UNAUTHENTICATED when the token is signed by another key pair with the same kid", async () => {
      const other = await generateKeyPair("ES256", { extractable: true });
      expect((await exportJWK(other.publicKey)).x).not.toBe(keys.publicJwks.keys[0].x);
      const token = await new SignJWT({ user_name: "alice.vlo", authorities: ["ROLE_VCS_VLO"] })
        .setProtectedHeader({ alg: "ES256", kid: keys.keyId, typ: "JWT" })
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime("1h")
        .sign(other.privateKey);
      await expectUnauthenticated(`Bearer ${token}`);
    });

    it("should answer 401 UNAUTHENTICATED when the token names an unknown key id", async () => {
      await expectUnauthenticated(
        `Bearer ${await sign({ user_name: "alice.vlo", authorities: ["ROLE_VCS_VLO"] }, { kid: "unknown-key" })}`,
      );
    });

    it("should answer 401 UNAUTHENTICATED when the token has no authorities claim", async () => {
      await expectUnauthenticated(`Bearer ${await sign({ user_name: "alice.vlo" })}`);
    });

    it("should answer 401 UNAUTHENTICATED when the authorities claim is empty or not a list of strings", async () => {
      for (const authorities of [[], "ROLE_VCS_VLO", [42], ["ROLE_VCS_VLO", { role: "ROLE_VCS_MANAGER" }]]) {
        await expectUnauthenticated(`Bearer ${await sign({ user_name: "alice.vlo", authorities } as JWTPayload)}`);
      }
    });

    it("should answer 401 UNAUTHENTICATED when a user token's user name could pass for a system or is not a plain name", async () => {
      for (const user_name of ["system:custody-feed", "alice vlo", "", "x".repeat(101), "../admin"]) {
        await expectUnauthenticated(`Bearer ${await sign({ user_name, authorities: ["ROLE_VCS_VLO"] } as JWTPayload)}`);
      }
    });

    it("should answer 401 UNAUTHENTICATED when the token names no user, no client_id and no sub", async () => {
      await expectUnauthenticated(`Bearer ${await sign({ authorities: ["ROLE_VCS_VLO"] })}`);
    });
  });

  // Issue 13 §3: a role counts only for the kind of caller the policy names (POLICY's `caller`).
  describe("roles for the other kind of caller", () => {
    const FEED_MISMATCH =
      "ROLE_VCS_CUSTODY_FEED is a role for systems (client-credentials tokens); this token is a user's, so the role grants nothing.";
    const ANALYST_MISMATCH =
      "ROLE_VCS_ANALYST is a role for people (user tokens); this token is a system's (client-credentials), so the role grants nothing.";

    async function graphqlWith<T = JsonObject>(
      token: string,
      query: string,
      variables: Record<string, unknown>,
    ): Promise<{ status: number; body: GraphQLBody<T> }> {
      const response = await fetch(`${base}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as GraphQLBody<T> };
    }

    it("should refuse createOffender with FORBIDDEN naming why, and record nothing, when a user token carries the custody feed's role", async () => {
      const token = await sign({ user_name: "mallory.vlo", authorities: ["ROLE_VCS_CUSTODY_FEED"] });
      const input = offenderInput({ name: "Forged Feed" });
      const { status, body } = await graphqlWith(token, CREATE_OFFENDER, { input });
      expect(status).toBe(200);
      expect(body.data?.createOffender ?? null).toBeNull();
      expect(body.errors).toHaveLength(1);
      expect(body.errors![0].extensions.code).toBe("FORBIDDEN");
      expect(body.errors![0].message).toBe(
        `This needs the permission RECORD_CUSTODY, which none of your roles grants. ${FEED_MISMATCH}`,
      );
      const [{ count }] = await dataSource.query(
        `SELECT count(*)::int AS count FROM "offender" WHERE "prison_number" = $1`,
        [input.prisonNumber],
      );
      expect(count).toBe(0);
    });

    it("should keep a VLO's own work but refuse the feed's when a user token carries both roles", async () => {
      const token = await sign({ user_name: "alice.vlo", authorities: ["ROLE_VCS_VLO", "ROLE_VCS_CUSTODY_FEED"] });
      const cases = await graphql<{ victimCases: { totalCount: number } }>(token, "{ victimCases { totalCount } }");
      expect(cases.body.errors).toBeUndefined();
      expect(cases.body.data!.victimCases.totalCount).toBeGreaterThan(0);
      const input = offenderInput({ name: "Forged Feed" });
      const { body } = await graphqlWith(token, CREATE_OFFENDER, { input });
      expect(body.errors![0].extensions.code).toBe("FORBIDDEN");
      expect(body.errors![0].message).toContain(FEED_MISMATCH);
    });

    it("should refuse victimCases with FORBIDDEN naming why, and show no case, when a client-credentials token carries the analyst's role", async () => {
      const token = await bed.token({ client: "reporting-job", roles: ["VCS_ANALYST"] });
      const { status, body } = await graphql(
        token,
        "{ victimCases(first: 100) { totalCount nodes { id region } } caseStatistics { totalCount } }",
      );
      expect(status).toBe(200);
      expect(body.data ?? null).toBeNull();
      expect(body.errors!.map((error) => error.extensions.code)).toEqual(["FORBIDDEN"]);
      expect(body.errors![0].message).toBe(
        `This needs the permission READ_CASES, which none of your roles grants. ${ANALYST_MISMATCH}`,
      );
    });

    it("should still let the custody feed record an offender when its client-credentials token carries its role", async () => {
      const token = await bed.token({ client: "custody-feed", roles: ["VCS_CUSTODY_FEED"] });
      const input = offenderInput({ name: "Fed Offender" });
      const { body } = await graphqlWith<{ createOffender: { offender: { prisonNumber: string } | null } }>(
        token,
        CREATE_OFFENDER,
        { input },
      );
      expect(body.errors).toBeUndefined();
      expect(body.data!.createOffender.offender!.prisonNumber).toBe(input.prisonNumber);
    });
  });
});
