import { randomBytes } from "node:crypto";
import {
  configureFieldEncryption,
  decryptField,
  encryptField,
  keyIdOf,
} from "../../src/entities/field-encryption.transformer";

describe("field encryption", () => {
  const key = randomBytes(32);
  beforeEach(() => configureFieldEncryption(key));

  it("should round-trip text, including non-ASCII, naming the key that sealed it", () => {
    const sealed = encryptField("Siân O'Brien — 07700 900123");
    expect(sealed.startsWith(`v1.${keyIdOf(key)}.`)).toBe(true);
    expect(decryptField(sealed)).toBe("Siân O'Brien — 07700 900123");
  });

  it("should refuse a value whose ciphertext was altered", () => {
    const parts = encryptField("secret").split(".");
    const body = Buffer.from(parts[4], "base64url");
    body[0] ^= 1;
    parts[4] = body.toString("base64url");
    expect(() => decryptField(parts.join("."))).toThrow();
  });

  it("should refuse a value relabelled with another key id", () => {
    const other = randomBytes(32);
    configureFieldEncryption(key, [other]);
    const parts = encryptField("secret").split(".");
    parts[1] = keyIdOf(other);
    expect(() => decryptField(parts.join("."))).toThrow();
  });

  it("should read values sealed with an older key after the key changes", () => {
    const sealed = encryptField("kept");
    const newKey = randomBytes(32);
    configureFieldEncryption(newKey, [key]);
    expect(decryptField(sealed)).toBe("kept");
    expect(encryptField("new").split(".")[1]).toBe(keyIdOf(newKey));
  });

  it("should refuse to read a value whose key it does not have", () => {
    const sealed = encryptField("lost");
    configureFieldEncryption(randomBytes(32));
    expect(() => decryptField(sealed)).toThrow(/no key/);
  });
});
