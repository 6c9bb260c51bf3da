import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, loadConfig } from "../../src/config";

describe("loadConfig", () => {
  // A key with no pattern in it (production refuses a weak one).
  const KEY = "3f9a1c7e5b2d8046e1f7a93c0b5d2e8471c6f0a9d3b85e2c4a7f1093d6b8e5c2";

  const ISSUER = {
    AUTH_JWKS_URL: "https://sign-in.example.gov.uk/auth/.well-known/jwks.json",
    AUTH_ISSUER: "https://sign-in.example.gov.uk/auth/issuer",
  };
  /** Everything production needs. */
  const PRODUCTION = { NODE_ENV: "production", DATA_ENCRYPTION_KEY: KEY, DATABASE_URL: "postgres://db/vcs", ...ISSUER };

  it("should hold the clock at CLOCK or move it by CLOCK_OFFSET_DAYS outside production, one at a time, and never in production", () => {
    expect(loadConfig({}).testClock).toBeNull();
    expect(loadConfig({ CLOCK: "2026-06-01T09:00:00Z" }).testClock).toEqual({
      kind: "FIXED",
      at: new Date("2026-06-01T09:00:00Z"),
    });
    expect(loadConfig({ CLOCK_OFFSET_DAYS: "30" }).testClock).toEqual({ kind: "OFFSET", days: 30 });
    expect(loadConfig({ NODE_ENV: "test", CLOCK_OFFSET_DAYS: "-7" }).testClock).toEqual({ kind: "OFFSET", days: -7 });
    expect(() => loadConfig({ CLOCK: "2026-06-01" })).toThrow(/CLOCK must be a moment with its zone/);
    expect(() => loadConfig({ CLOCK: "2026-02-31T09:00:00Z" })).toThrow(/CLOCK must be a real moment/);
    expect(() => loadConfig({ CLOCK_OFFSET_DAYS: "1.5" })).toThrow(/CLOCK_OFFSET_DAYS must be a whole number/);
    expect(() => loadConfig({ CLOCK: "2026-06-01T09:00:00Z", CLOCK_OFFSET_DAYS: "3" })).toThrow(
      /CLOCK_OFFSET_DAYS cannot be set with CLOCK/,
    );
    expect(() => loadConfig({ ...PRODUCTION, CLOCK: "2026-06-01T09:00:00Z" })).toThrow(
      /CLOCK must not be set in production/,
    );
    expect(() => loadConfig({ ...PRODUCTION, CLOCK_OFFSET_DAYS: "30" })).toThrow(
      /CLOCK_OFFSET_DAYS must not be set in production/,
    );
  });

  it("should refuse to start in production without DATA_ENCRYPTION_KEY", () => {
    expect(() => loadConfig({ NODE_ENV: "production", DATABASE_URL: "postgres://db/vcs", ...ISSUER })).toThrow(
      /DATA_ENCRYPTION_KEY/,
    );
  });

  it("should refuse to start in production without AUTH_JWKS_URL, and need an issuer with it", () => {
    expect(() => loadConfig({ ...PRODUCTION, AUTH_JWKS_URL: undefined })).toThrow(/AUTH_JWKS_URL/);
    expect(() => loadConfig({ ...PRODUCTION, AUTH_ISSUER: undefined })).toThrow(/AUTH_ISSUER/);
    expect(loadConfig(PRODUCTION).auth).toEqual({
      mode: "jwks",
      jwksUrl: ISSUER.AUTH_JWKS_URL,
      issuer: ISSUER.AUTH_ISSUER,
      audience: null,
      maxLifetimeSeconds: 3600,
    });
  });

  it("should keep Sandbox off in production unless ENABLE_SANDBOX=true, and on elsewhere", () => {
    expect(loadConfig(PRODUCTION).sandboxEnabled).toBe(false);
    expect(loadConfig({ ...PRODUCTION, ENABLE_SANDBOX: "true" }).sandboxEnabled).toBe(true);
    expect(loadConfig({ PGLITE_DIR: "memory://" }).sandboxEnabled).toBe(true);
  });

  it("should accept a 32-byte key as hex or base64 and refuse any other length", () => {
    expect(loadConfig(PRODUCTION).dataEncryptionKey).toEqual(Buffer.from(KEY, "hex"));
    const key = Buffer.from(KEY, "hex");
    expect(loadConfig({ ...PRODUCTION, DATA_ENCRYPTION_KEY: key.toString("base64") }).dataEncryptionKey).toEqual(key);
    expect(() => loadConfig({ DATA_ENCRYPTION_KEY: "abcd" })).toThrow(/32 bytes/);
  });

  it("should make a development key once and reuse it on the next start when none is given", () => {
    const dir = mkdtempSync(join(tmpdir(), "vcs-config-"));
    const pgliteDir = join(dir, "pglite");
    const first = loadConfig({ PGLITE_DIR: pgliteDir }).dataEncryptionKey;
    const second = loadConfig({ PGLITE_DIR: pgliteDir }).dataEncryptionKey;
    expect(first).toHaveLength(32);
    expect(second).toEqual(first);
    expect(readFileSync(join(dir, "dev-encryption.key"), "utf8")).toBe(first.toString("hex"));
  });

  it("should read the invitation timings in working days, with documented defaults, and refuse a malformed one", () => {
    expect(loadConfig({ PGLITE_DIR: "memory://" }).invitationTimings).toEqual({
      followUpWorkingDays: 15,
      expiryWorkingDays: 20,
    });
    expect(
      loadConfig({
        PGLITE_DIR: "memory://",
        INVITATION_FOLLOW_UP_WORKING_DAYS: "10",
        INVITATION_EXPIRY_WORKING_DAYS: "30",
      }).invitationTimings,
    ).toEqual({
      followUpWorkingDays: 10,
      expiryWorkingDays: 30,
    });
    expect(() => loadConfig({ PGLITE_DIR: "memory://", INVITATION_FOLLOW_UP_WORKING_DAYS: "ten" })).toThrow(
      /INVITATION_FOLLOW_UP_WORKING_DAYS/,
    );
  });

  it("should read the per-caller limits with documented defaults, take 0 as off, and refuse a malformed one", () => {
    const limits = ({
      mutationsPerMinute,
      queriesPerMinute,
      subscriptionConnectionsPerCaller,
      unauthenticatedConnections,
    }: ReturnType<typeof loadConfig>) => ({
      mutationsPerMinute,
      queriesPerMinute,
      subscriptionConnectionsPerCaller,
      unauthenticatedConnections,
    });
    expect(limits(loadConfig({ PGLITE_DIR: "memory://" }))).toEqual({
      mutationsPerMinute: 120,
      queriesPerMinute: 600,
      subscriptionConnectionsPerCaller: 10,
      unauthenticatedConnections: 100,
    });
    expect(
      limits(
        loadConfig({
          PGLITE_DIR: "memory://",
          MUTATIONS_PER_MINUTE: "0",
          QUERIES_PER_MINUTE: "0",
          SUBSCRIPTION_CONNECTIONS_PER_CALLER: "3",
          UNAUTHENTICATED_CONNECTIONS: "0",
        }),
      ),
    ).toEqual({
      mutationsPerMinute: 0,
      queriesPerMinute: 0,
      subscriptionConnectionsPerCaller: 3,
      unauthenticatedConnections: 0,
    });
    expect(() =>
      loadConfig({ PGLITE_DIR: "memory://", QUERIES_PER_MINUTE: "-5", UNAUTHENTICATED_CONNECTIONS: "lots" }),
    ).toThrow(/QUERIES_PER_MINUTE must be a whole number\n- UNAUTHENTICATED_CONNECTIONS must be a whole number/);
  });

  it("should send through GOV.UK Notify only with a key and both template ids", () => {
    expect(loadConfig({ PGLITE_DIR: "memory://" }).notify).toBeNull();
    expect(() => loadConfig({ PGLITE_DIR: "memory://", NOTIFY_API_KEY: "key" })).toThrow(
      /NOTIFY_EMAIL_TEMPLATE_ID and NOTIFY_LETTER_TEMPLATE_ID/,
    );
    expect(
      loadConfig({
        PGLITE_DIR: "memory://",
        NOTIFY_API_KEY: "key",
        NOTIFY_EMAIL_TEMPLATE_ID: "e",
        NOTIFY_LETTER_TEMPLATE_ID: "l",
      }).notify,
    ).toEqual({
      apiKey: "key",
      baseUrl: undefined,
      templates: { email: "e", letter: "l" },
    });
  });

  it("should default to the embedded database on port 4000 with demo data", () => {
    const config = loadConfig({ PGLITE_DIR: "memory://" });
    expect(config).toMatchObject({
      port: 4000,
      databaseUrl: null,
      pgliteDir: "memory://",
      loadDemoData: true,
      environment: "development",
    });
  });

  it("should use PostgreSQL without demo data when DATABASE_URL is set, and reject a URL of another kind", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://u@h/db", DATA_ENCRYPTION_KEY: KEY })).toMatchObject({
      databaseUrl: "postgres://u@h/db",
      loadDemoData: false,
    });
    expect(() => loadConfig({ DATABASE_URL: "mysql://u@h/db" })).toThrow(ConfigError);
  });

  it("should migrate as MIGRATION_DATABASE_URL's owner when set, as DATABASE_URL's role otherwise, and need DATABASE_URL with it", () => {
    const both = { DATABASE_URL: "postgres://app@h/db", MIGRATION_DATABASE_URL: "postgres://owner@h/db" };
    expect(loadConfig({ ...both, DATA_ENCRYPTION_KEY: KEY })).toMatchObject({
      databaseUrl: "postgres://app@h/db",
      migrationDatabaseUrl: "postgres://owner@h/db",
    });
    expect(
      loadConfig({ DATABASE_URL: "postgres://app@h/db", DATA_ENCRYPTION_KEY: KEY }).migrationDatabaseUrl,
    ).toBeNull();
    expect(() => loadConfig({ MIGRATION_DATABASE_URL: "postgres://owner@h/db", PGLITE_DIR: "memory://" })).toThrow(
      /MIGRATION_DATABASE_URL needs DATABASE_URL/,
    );
    expect(() => loadConfig({ ...both, MIGRATION_DATABASE_URL: "owner@h/db", DATA_ENCRYPTION_KEY: KEY })).toThrow(
      /MIGRATION_DATABASE_URL must start with postgres:\/\//,
    );
  });

  it("should reject a PORT that is not a port number", () => {
    expect(() => loadConfig({ PORT: "eighty", PGLITE_DIR: "memory://" })).toThrow(/PORT/);
    expect(() => loadConfig({ PORT: "70000", PGLITE_DIR: "memory://" })).toThrow(/PORT/);
    expect(loadConfig({ PORT: "8080", PGLITE_DIR: "memory://" }).port).toBe(8080);
  });

  // Issue 13 §7: fail closed.
  it("should take NODE_ENV only as development, test or production, and unset as development", () => {
    expect(() => loadConfig({ NODE_ENV: "prod", PGLITE_DIR: "memory://" })).toThrow(
      /NODE_ENV must be development, test or production, not "prod"/,
    );
    expect(() => loadConfig({ NODE_ENV: "Production", PGLITE_DIR: "memory://" })).toThrow(ConfigError);
    expect(loadConfig({ PGLITE_DIR: "memory://" }).environment).toBe("development");
    expect(loadConfig({ NODE_ENV: "", PGLITE_DIR: "memory://" }).environment).toBe("development");
    expect(loadConfig({ NODE_ENV: "test", PGLITE_DIR: "memory://" }).environment).toBe("test");
  });

  it("should report every bad variable at once, each by name with what it should be", () => {
    let message = "";
    try {
      loadConfig({
        NODE_ENV: "prod",
        PORT: "eighty",
        LOG_LEVEL: "loud",
        RETENTION_DAYS: "-1",
        ENABLE_SANDBOX: "yes",
        DATABASE_URL: "mysql://u@h/db",
        DATA_ENCRYPTION_KEY: "abcd",
        AUTH_JWKS_URL: "ftp://keys",
        AUTH_MAX_TOKEN_LIFETIME: "forever",
        NOTIFY_API_KEY: "key",
      });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    const lines = message.split("\n").slice(1);
    expect(lines).toEqual([
      '- NODE_ENV must be development, test or production, not "prod"',
      "- PORT must be a whole number from 0 to 65535",
      "- DATABASE_URL must start with postgres:// or postgresql://",
      "- DATA_ENCRYPTION_KEY must be 32 bytes, as 64 hex digits or base64",
      "- LOG_LEVEL must be one of debug, info, warn, error, silent",
      "- AUTH_JWKS_URL must be an http(s) URL",
      "- AUTH_MAX_TOKEN_LIFETIME must be a whole number of seconds, or of minutes or hours as 30m or 1h",
      "- ENABLE_SANDBOX must be true or false",
      "- RETENTION_DAYS must be a whole number",
      "- NOTIFY_API_KEY needs NOTIFY_EMAIL_TEMPLATE_ID and NOTIFY_LETTER_TEMPLATE_ID",
      "- AUTH_ISSUER is required with AUTH_JWKS_URL",
    ]);
  });

  it("should report every production rule broken at once", () => {
    expect(() =>
      loadConfig({
        NODE_ENV: "production",
        AUTH_JWKS_URL: "http://sign-in.example.gov.uk/jwks",
        AUTH_ISSUER: "x",
        LOAD_DEMO_DATA: "true",
      }),
    ).toThrow(
      new ConfigError(
        [
          "configuration refused:",
          "- AUTH_JWKS_URL must be an https:// URL in production: keys fetched over http:// can be swapped",
          "- DATA_ENCRYPTION_KEY is required in production",
          "- DATABASE_URL is required in production (the embedded database is for development; ALLOW_EMBEDDED_IN_PRODUCTION=true allows it)",
          "- LOAD_DEMO_DATA must not be true in production: no demo data there",
        ].join("\n"),
      ),
    );
  });

  it("should refuse the embedded database in production unless ALLOW_EMBEDDED_IN_PRODUCTION=true", () => {
    expect(() => loadConfig({ ...PRODUCTION, DATABASE_URL: undefined, PGLITE_DIR: "memory://" })).toThrow(
      /DATABASE_URL is required in production/,
    );
    expect(() =>
      loadConfig({ ...PRODUCTION, DATABASE_URL: "", PGLITE_DIR: "memory://", ALLOW_EMBEDDED_IN_PRODUCTION: "false" }),
    ).toThrow(/ALLOW_EMBEDDED_IN_PRODUCTION=true/);
    const embedded = loadConfig({
      ...PRODUCTION,
      DATABASE_URL: undefined,
      PGLITE_DIR: "memory://",
      ALLOW_EMBEDDED_IN_PRODUCTION: "true",
    });
    expect(embedded).toMatchObject({ databaseUrl: null, pgliteDir: "memory://" });
    // Even on the embedded database, production loads no demo data.
    expect(embedded.loadDemoData).toBe(false);
    expect(() => loadConfig({ ALLOW_EMBEDDED_IN_PRODUCTION: "maybe", PGLITE_DIR: "memory://" })).toThrow(
      /ALLOW_EMBEDDED_IN_PRODUCTION must be true or false/,
    );
  });

  it("should refuse demo data in production, and keep it on the embedded database elsewhere", () => {
    expect(() => loadConfig({ ...PRODUCTION, LOAD_DEMO_DATA: "true" })).toThrow(/LOAD_DEMO_DATA must not be true/);
    expect(() => loadConfig({ ...PRODUCTION, LOAD_DEMO_DATA: "1" })).toThrow(/LOAD_DEMO_DATA/);
    expect(loadConfig({ ...PRODUCTION, LOAD_DEMO_DATA: "false" }).loadDemoData).toBe(false);
    expect(loadConfig({ PGLITE_DIR: "memory://", LOAD_DEMO_DATA: "true" }).loadDemoData).toBe(true);
  });

  it("should refuse an http:// JWKS URL in production, and allow one elsewhere", () => {
    const plain = "http://sign-in.example.gov.uk/auth/.well-known/jwks.json";
    expect(() => loadConfig({ ...PRODUCTION, AUTH_JWKS_URL: plain })).toThrow(/AUTH_JWKS_URL must be an https:\/\//);
    expect(loadConfig({ PGLITE_DIR: "memory://", AUTH_JWKS_URL: plain, AUTH_ISSUER: "x" }).auth).toMatchObject({
      mode: "jwks",
      jwksUrl: plain,
    });
  });

  it.each([
    ["all zeros", "00".repeat(32), /all zeros/],
    ["one byte repeated", "ab".repeat(32), /one byte repeated/],
    ["one byte repeated, as base64", Buffer.alloc(32, 7).toString("base64"), /one byte repeated/],
    ["a short repeated pattern", "deadbeef".repeat(8), /short repeated pattern/],
    ["a counting sequence", Buffer.from(Array.from({ length: 32 }, (_, index) => index)).toString("hex"), /counting/],
  ])("should refuse a weak encryption key in production (%s) and name DATA_ENCRYPTION_KEY", (_kind, key, why) => {
    expect(() => loadConfig({ ...PRODUCTION, DATA_ENCRYPTION_KEY: key })).toThrow(why);
    expect(() => loadConfig({ ...PRODUCTION, DATA_ENCRYPTION_KEY: key })).toThrow(
      /DATA_ENCRYPTION_KEY is .*: production needs a random key \(openssl rand -hex 32\)/,
    );
    // Outside production any 32 bytes will do (tests use fixed keys).
    expect(() => loadConfig({ PGLITE_DIR: "memory://", DATA_ENCRYPTION_KEY: key })).not.toThrow();
  });

  it("should accept random keys in production", () => {
    for (let attempt = 0; attempt < 200; attempt++) {
      const key = randomBytes(32).toString(attempt % 2 ? "hex" : "base64");
      expect(loadConfig({ ...PRODUCTION, DATA_ENCRYPTION_KEY: key }).dataEncryptionKey).toHaveLength(32);
    }
  });

  it("should limit token lifetime in production to AUTH_MAX_TOKEN_LIFETIME (default an hour) and check AUTH_AUDIENCE in every mode", () => {
    expect(loadConfig(PRODUCTION).auth).toMatchObject({ maxLifetimeSeconds: 3600, audience: null });
    expect(loadConfig({ ...PRODUCTION, AUTH_MAX_TOKEN_LIFETIME: "1200" }).auth.maxLifetimeSeconds).toBe(1200);
    expect(loadConfig({ ...PRODUCTION, AUTH_MAX_TOKEN_LIFETIME: "30m" }).auth.maxLifetimeSeconds).toBe(1800);
    expect(loadConfig({ ...PRODUCTION, AUTH_MAX_TOKEN_LIFETIME: "2h" }).auth.maxLifetimeSeconds).toBe(7200);
    for (const bad of ["0", "1d", "-5", "an hour"])
      expect(() => loadConfig({ ...PRODUCTION, AUTH_MAX_TOKEN_LIFETIME: bad })).toThrow(/AUTH_MAX_TOKEN_LIFETIME/);
    // Outside production the development issuer's browser tokens live longer.
    expect(loadConfig({ PGLITE_DIR: "memory://" }).auth.maxLifetimeSeconds).toBeNull();
    expect(loadConfig({ ...PRODUCTION, AUTH_AUDIENCE: "vcs-case-service" }).auth.audience).toBe("vcs-case-service");
    expect(loadConfig({ PGLITE_DIR: "memory://", AUTH_AUDIENCE: "vcs-case-service" }).auth.audience).toBe(
      "vcs-case-service",
    );
  });

  it("should listen on 127.0.0.1 outside production unless HOST says otherwise, and on every interface in production", () => {
    expect(loadConfig({ PGLITE_DIR: "memory://" }).host).toBe("127.0.0.1");
    expect(loadConfig({ NODE_ENV: "test", PGLITE_DIR: "memory://" }).host).toBe("127.0.0.1");
    expect(loadConfig({ PGLITE_DIR: "memory://", HOST: "0.0.0.0" }).host).toBe("0.0.0.0");
    expect(loadConfig(PRODUCTION).host).toBeNull();
    expect(loadConfig({ ...PRODUCTION, HOST: "10.0.0.5" }).host).toBe("10.0.0.5");
    expect(() => loadConfig({ PGLITE_DIR: "memory://", HOST: "a host" })).toThrow(/HOST must be a host name/);
  });
});
