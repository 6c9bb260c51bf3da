import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, loadConfig } from "../../src/config";

describe("loadConfig", () => {
  const KEY = "ab".repeat(32);

  const ISSUER = {
    AUTH_JWKS_URL: "https://sign-in.example.gov.uk/auth/.well-known/jwks.json",
    AUTH_ISSUER: "https://sign-in.example.gov.uk/auth/issuer",
  };

  it("should refuse to start in production without DATA_ENCRYPTION_KEY", () => {
    expect(() => loadConfig({ NODE_ENV: "production", DATABASE_URL: "postgres://db/vcs", ...ISSUER })).toThrow(
      /DATA_ENCRYPTION_KEY/,
    );
  });

  it("should refuse to start in production without AUTH_JWKS_URL, and need an issuer with it", () => {
    expect(() => loadConfig({ NODE_ENV: "production", DATA_ENCRYPTION_KEY: KEY })).toThrow(/AUTH_JWKS_URL/);
    expect(() =>
      loadConfig({ NODE_ENV: "production", DATA_ENCRYPTION_KEY: KEY, AUTH_JWKS_URL: ISSUER.AUTH_JWKS_URL }),
    ).toThrow(/AUTH_ISSUER/);
    expect(loadConfig({ NODE_ENV: "production", DATA_ENCRYPTION_KEY: KEY, ...ISSUER }).auth).toEqual({
      mode: "jwks",
      jwksUrl: ISSUER.AUTH_JWKS_URL,
      issuer: ISSUER.AUTH_ISSUER,
    });
  });

  it("should keep Sandbox off in production unless ENABLE_SANDBOX=true, and on elsewhere", () => {
    expect(loadConfig({ NODE_ENV: "production", DATA_ENCRYPTION_KEY: KEY, ...ISSUER }).sandboxEnabled).toBe(false);
    expect(
      loadConfig({ NODE_ENV: "production", DATA_ENCRYPTION_KEY: KEY, ENABLE_SANDBOX: "true", ...ISSUER })
        .sandboxEnabled,
    ).toBe(true);
    expect(loadConfig({ PGLITE_DIR: "memory://" }).sandboxEnabled).toBe(true);
  });

  it("should accept a 32-byte key as hex or base64 and refuse any other length", () => {
    expect(loadConfig({ NODE_ENV: "production", DATA_ENCRYPTION_KEY: KEY, ...ISSUER }).dataEncryptionKey).toEqual(
      Buffer.from(KEY, "hex"),
    );
    expect(
      loadConfig({ NODE_ENV: "production", DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"), ...ISSUER })
        .dataEncryptionKey,
    ).toEqual(Buffer.alloc(32, 7));
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

  it("should reject a PORT that is not a port number", () => {
    expect(() => loadConfig({ PORT: "eighty", PGLITE_DIR: "memory://" })).toThrow(/PORT/);
    expect(() => loadConfig({ PORT: "70000", PGLITE_DIR: "memory://" })).toThrow(/PORT/);
    expect(loadConfig({ PORT: "8080", PGLITE_DIR: "memory://" }).port).toBe(8080);
  });
});
