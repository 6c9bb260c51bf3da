import { DomainError, requireCurrentVersion } from "../../src/domain/errors/domain-error";
import { UserErrorCode } from "../../src/domain/errors/user-error-code.enum";

describe("DomainError", () => {
  it("should carry its code, field and message but no stack frames, and leave other errors' stacks alone", () => {
    const before = Error.stackTraceLimit;
    const refusal = new DomainError(UserErrorCode.NOT_FOUND, "No case has that id.", ["input", "caseId"]);
    expect(refusal).toBeInstanceOf(Error);
    expect(refusal).toMatchObject({ code: UserErrorCode.NOT_FOUND, field: ["input", "caseId"], name: "DomainError" });
    expect(refusal.stack).toBe("DomainError: No case has that id.");
    expect(Error.stackTraceLimit).toBe(before);
    expect(new Error("a fault").stack).toMatch(/\n\s+at /);
  });

  it("should refuse a stale version with STALE_VERSION and pass a current or absent one", () => {
    expect(() => requireCurrentVersion(3, 4, "case")).toThrow(
      expect.objectContaining({ code: UserErrorCode.STALE_VERSION, field: ["input", "expectedVersion"] }),
    );
    expect(() => requireCurrentVersion(4, 4, "case")).not.toThrow();
    expect(() => requireCurrentVersion(null, 4, "case")).not.toThrow();
  });
});
