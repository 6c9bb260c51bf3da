import { ConfigError, loadConfig } from "../../src/config";

// Issue 15 §6: DATABASE_READ_URL, the optional read replica, is checked at start like the other settings.
describe("loadConfig: DATABASE_READ_URL", () => {
  const KEY = "3f9a1c7e5b2d8046e1f7a93c0b5d2e8471c6f0a9d3b85e2c4a7f1093d6b8e5c2";
  const PRIMARY = { DATABASE_URL: "postgres://app@primary/vcs", DATA_ENCRYPTION_KEY: KEY };

  it("should be null unless set, and the replica's URL when it is", () => {
    expect(loadConfig(PRIMARY).readDatabaseUrl).toBeNull();
    expect(loadConfig({ ...PRIMARY, DATABASE_READ_URL: "  " }).readDatabaseUrl).toBeNull();
    expect(loadConfig({ ...PRIMARY, DATABASE_READ_URL: "postgresql://reader@replica:5432/vcs" }).readDatabaseUrl).toBe(
      "postgresql://reader@replica:5432/vcs",
    );
    expect(loadConfig({ ...PRIMARY, DATABASE_READ_URL: "postgres:///vcs?host=/run/postgresql" }).readDatabaseUrl).toBe(
      "postgres:///vcs?host=/run/postgresql",
    );
  });

  it.each(["mysql://reader@replica/vcs", "replica:5432/vcs", "postgres://", "postgres://replica:99999/vcs"])(
    "should refuse %s: not a postgres URL",
    (value) => {
      expect(() => loadConfig({ ...PRIMARY, DATABASE_READ_URL: value })).toThrow(ConfigError);
      expect(() => loadConfig({ ...PRIMARY, DATABASE_READ_URL: value })).toThrow(
        /DATABASE_READ_URL must be a postgres:\/\/ or postgresql:\/\/ URL/,
      );
    },
  );

  it("should be refused with the embedded database: it has no replica", () => {
    expect(() => loadConfig({ DATABASE_READ_URL: "postgres://reader@replica/vcs", PGLITE_DIR: "memory://" })).toThrow(
      /DATABASE_READ_URL needs DATABASE_URL/,
    );
    // Reported with the other problems of the same start.
    const start = () => loadConfig({ DATABASE_READ_URL: "replica", PORT: "eighty", PGLITE_DIR: "memory://" });
    expect(start).toThrow(/PORT must be a whole number/);
    expect(start).toThrow(/DATABASE_READ_URL must be a postgres/);
    expect(start).toThrow(/DATABASE_READ_URL needs DATABASE_URL/);
  });
});
