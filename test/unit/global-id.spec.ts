import { fromGlobalId, parseGlobalId, toGlobalId } from "../../src/domain/ids/global-id";

describe("global ids", () => {
  const uuid = "3f2b8a7e-1c4d-4e5f-9a0b-1c2d3e4f5a6b";

  it("should round-trip a type and id through an opaque string", () => {
    const id = toGlobalId("VictimCase", uuid);
    expect(id).not.toContain(uuid);
    expect(parseGlobalId(id)).toEqual({ type: "VictimCase", id: uuid });
    expect(fromGlobalId(id, "VictimCase")).toBe(uuid);
  });

  it("should give null for an id of another type, an unknown type or garbage", () => {
    expect(fromGlobalId(toGlobalId("Offender", uuid), "VictimCase")).toBeNull();
    expect(parseGlobalId(Buffer.from(`Prisoner:${uuid}`).toString("base64url"))).toBeNull();
    expect(parseGlobalId(Buffer.from("VictimCase:1 OR 1=1").toString("base64url"))).toBeNull();
    expect(parseGlobalId("nope")).toBeNull();
    expect(parseGlobalId("")).toBeNull();
  });
});
