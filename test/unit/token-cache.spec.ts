import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { DEVELOPMENT_ISSUER } from "../../src/config";
import { wallClock } from "../../src/domain/calendar/clock";
import { Role } from "../../src/domain/security/role.enum";
import { loadOrCreateDevKeys, signDevToken, type DevKeys } from "../../src/services/security/dev-auth-keys";
import { AuthenticationFailure, createTokenVerifier, type TokenVerifier } from "../../src/services/security/identity";
import { cachingTokenVerifier } from "../../src/services/security/token-cache";

// Issue 15 §3: each token is checked once and its caller answered from memory until it expires.
// Real keys and real tokens; the checks are counted on their way to the real verifier.
describe("the token cache", () => {
  let keys: DevKeys;
  let checks: number;
  let verify: TokenVerifier;
  const token = (user: string, ttlSeconds = 3600) =>
    signDevToken(keys, { issuer: DEVELOPMENT_ISSUER, user, roles: ["VCS_VLO"], ttlSeconds });

  beforeAll(async () => {
    keys = await loadOrCreateDevKeys(mkdtempSync(join(tmpdir(), "vcs-token-cache-")));
  });
  beforeEach(() => {
    checks = 0;
    const real = createTokenVerifier({ issuer: DEVELOPMENT_ISSUER, jwks: keys.publicJwks });
    verify = (value) => {
      checks++;
      return real(value);
    };
  });

  it("should check a token once and answer the same caller after", async () => {
    const cached = cachingTokenVerifier(verify);
    const alice = await token("alice.vlo");
    const first = await cached(alice);
    const second = await cached(alice);
    expect(checks).toBe(1);
    expect(second).toEqual(first);
    expect(second).toMatchObject({ kind: "USER", username: "alice.vlo", roles: [Role.VLO] });
  });

  it("should check a token again once it has expired", async () => {
    const cached = cachingTokenVerifier(verify);
    // Whole seconds: a 1 s token could expire between its first two reads on a busy machine.
    const shortLived = await token("alice.vlo", 3);
    const caller = await cached(shortLived);
    await cached(shortLived);
    expect(checks).toBe(1);
    await sleep(caller.expiresAt!.getTime() - wallClock().getTime() + 100);
    // Past its expiry, within the issuer's 30 s of clock tolerance: checked again, not remembered.
    await cached(shortLived);
    await cached(shortLived);
    expect(checks).toBe(3);
  });

  it("should not remember a refusal", async () => {
    const cached = cachingTokenVerifier(verify);
    const good = await token("alice.vlo");
    const forged = `${good.slice(0, -4)}${good.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`;
    await expect(cached(forged)).rejects.toThrow(AuthenticationFailure);
    await expect(cached(forged)).rejects.toThrow(AuthenticationFailure);
    expect(checks).toBe(2);
    await expect(cached(good)).resolves.toMatchObject({ username: "alice.vlo" });
  });

  it("should keep no more tokens than its bound, dropping the least recently used", async () => {
    const cached = cachingTokenVerifier(verify, 2);
    const [a, b, c] = await Promise.all([token("a.vlo"), token("b.vlo"), token("c.vlo")]);
    await cached(a);
    await cached(b);
    await cached(c);
    expect(checks).toBe(3);
    await cached(c);
    await cached(b);
    expect(checks).toBe(3);
    await cached(a);
    expect(checks).toBe(4);
  });

  it("should answer each request with its own copy", async () => {
    const cached = cachingTokenVerifier(verify);
    const alice = await token("alice.vlo");
    const first = await cached(alice);
    first.roles.push(Role.ADMIN);
    first.expiresAt!.setTime(0);
    const second = await cached(alice);
    expect(second.roles).toEqual([Role.VLO]);
    expect(second.expiresAt!.getTime()).toBeGreaterThan(Date.now());
    expect(checks).toBe(1);
  });
});
