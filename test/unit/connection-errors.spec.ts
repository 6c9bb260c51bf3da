import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from "typeorm";
import { isConnectionError, retryOnConnectionError } from "../../src/services/platform/connection-errors";

const terminated = Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" });
const wrapped = new QueryFailedError("SELECT 1", [], terminated);
const uniqueViolation = Object.assign(new Error("duplicate key value"), { code: "23505" });

describe("lost database connections", () => {
  it("should know a lost connection by its SQLSTATE, its socket code or its driver's words, wrapped or not", () => {
    expect(isConnectionError(terminated)).toBe(true);
    expect(isConnectionError(wrapped)).toBe(true);
    expect(isConnectionError(Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }))).toBe(true);
    expect(isConnectionError(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isConnectionError(Object.assign(new Error("connection failure"), { code: "08006" }))).toBe(true);
    // TypeORM's own, when the connection under a transaction went and it let the query runner go.
    expect(isConnectionError(new QueryRunnerAlreadyReleasedError())).toBe(true);
    expect(isConnectionError(new QueryRunnerProviderAlreadyReleasedError())).toBe(true);
  });

  it("should not take a statement's own failure for a lost connection", () => {
    expect(isConnectionError(uniqueViolation)).toBe(false);
    expect(isConnectionError(new QueryFailedError("INSERT", [], uniqueViolation))).toBe(false);
    expect(isConnectionError("57P01")).toBe(false);
  });

  it("should run work again only after a lost connection, and at most twice more", async () => {
    let calls = 0;
    await expect(
      retryOnConnectionError(async () => {
        calls += 1;
        if (calls < 3) throw wrapped;
        return "done";
      }),
    ).resolves.toBe("done");
    expect(calls).toBe(3);

    calls = 0;
    await expect(retryOnConnectionError(async () => Promise.reject(wrapped).finally(() => (calls += 1)))).rejects.toBe(
      wrapped,
    );
    expect(calls).toBe(3);

    calls = 0;
    await expect(
      retryOnConnectionError(async () => Promise.reject(uniqueViolation).finally(() => (calls += 1))),
    ).rejects.toBe(uniqueViolation);
    expect(calls).toBe(1);
  });
});
