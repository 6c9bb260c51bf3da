import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";
import type { ValueTransformer } from "typeorm";

// Personal data is stored as `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts), so a key
// can be rotated later: each value names the key that sealed it.
const FORMAT = "v1";

interface Keyring {
  currentKeyId: string;
  keys: Map<string, Buffer>;
}

let keyring: Keyring | null = null;

export function keyIdOf(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8);
}

/** Installs the keys used by the column transformers; the first key seals new values. */
export function configureFieldEncryption(current: Buffer, older: Buffer[] = []): void {
  const keys = new Map<string, Buffer>();
  for (const key of [current, ...older]) {
    if (key.length !== 32) throw new Error("field encryption keys must be 32 bytes");
    keys.set(keyIdOf(key), key);
  }
  keyring = { currentKeyId: keyIdOf(current), keys };
}

function requireKeyring(): Keyring {
  if (!keyring) throw new Error("field encryption is not configured");
  return keyring;
}

/** The id of the key that seals new values (what key rotation moves every value to). */
export function currentKeyId(): string {
  return requireKeyring().currentKeyId;
}

/** The id of the key a stored value names, or null if it is not a sealed value; reads no key. */
export function sealedKeyId(sealed: string): string | null {
  const [format, keyId] = sealed.split(".", 2);
  return format === FORMAT && keyId ? keyId : null;
}

export function encryptField(plain: string): string {
  const { currentKeyId, keys } = requireKeyring();
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keys.get(currentKeyId)!, iv);
  // The key id is authenticated too, so a value cannot be relabelled to another key.
  cipher.setAAD(Buffer.from(currentKeyId));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [
    FORMAT,
    currentKeyId,
    iv.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    body.toString("base64url"),
  ].join(".");
}

export function decryptField(sealed: string): string {
  const [format, keyId, iv, tag, body] = sealed.split(".");
  if (format !== FORMAT || !keyId || !iv || !tag || body === undefined) throw new Error("unreadable encrypted value");
  const key = requireKeyring().keys.get(keyId);
  if (!key) throw new Error(`no key ${keyId} to read an encrypted value`);
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(keyId));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

const blindIndexKeys = new Map<string, Buffer>();

/**
 * A keyed blind index of a normalised value: an HMAC under a key derived from the current data key,
 * so equal values can be found by exact match without decrypting any row, and the index reveals
 * nothing without the key. `purpose` separates the indexes (a name never matches a postcode).
 * Indexes follow the current key: after a rotation they are recomputed (see contact-indexes).
 */
export function blindIndex(purpose: string, normalised: string): string {
  const { currentKeyId, keys } = requireKeyring();
  let key = blindIndexKeys.get(currentKeyId);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", keys.get(currentKeyId)!, Buffer.alloc(0), "vcs-blind-index-v1", 32));
    blindIndexKeys.set(currentKeyId, key);
  }
  return createHmac("sha256", key).update(purpose).update("\0").update(normalised).digest("hex").slice(0, 32);
}

/** Column transformer for a personal string field. */
export const encryptedString: ValueTransformer = {
  to: (value: string | null | undefined) => (value == null ? value : encryptField(value)),
  from: (value: string | null) => (value == null ? null : decryptField(value)),
};

/** Column transformer for a personal structured field (an address, needs), stored as sealed JSON. */
export const encryptedJson: ValueTransformer = {
  to: (value: unknown) => (value == null ? value : encryptField(JSON.stringify(value))),
  from: (value: string | null) => (value == null ? null : JSON.parse(decryptField(value))),
};
