import { execFileSync } from "node:child_process";
import { join } from "node:path";
import * as classValidator from "class-validator";
import * as inputRules from "../../src/schema/common/input-rules";
import { IsInt, MaxLength, validateOrReject } from "../../src/schema/common/input-rules";

// Issue 15 §5: the service loads class-validator's rules part by part, not through its index.
describe("class-validator's rules, part by part", () => {
  it("should be the very functions class-validator's index exports", () => {
    const parts = Object.entries(inputRules).filter(([name]) => name !== "validateOrReject");
    expect(parts.length).toBeGreaterThanOrEqual(20);
    for (const [name, rule] of parts)
      expect([name, rule]).toEqual([name, classValidator[name as keyof typeof classValidator]]);
  });

  it("should validate as the index's validateOrReject does", async () => {
    class Probe {
      @IsInt()
      count: unknown = "three";

      @MaxLength(3)
      name = "four";
    }
    const ours = await validateOrReject(new Probe()).catch((errors: unknown) => errors);
    const theirs = await classValidator.validateOrReject(new Probe()).catch((errors: unknown) => errors);
    expect(ours).toEqual(theirs);
    expect((ours as classValidator.ValidationError[]).map(({ property }) => property)).toEqual(["count", "name"]);
    await expect(validateOrReject(Object.assign(new Probe(), { count: 3, name: "abc" }))).resolves.toBeUndefined();
  });

  it("should leave the index, and the packages behind it, unloaded when the schema is built", () => {
    const script = `
      require("reflect-metadata");
      require("./src/graphql/build-schema");
      const loaded = Object.keys(require.cache);
      console.log(JSON.stringify({
        index: loaded.some((file) => file.endsWith("class-validator/cjs/index.js")),
        phoneNumbers: loaded.some((file) => file.includes("/libphonenumber-js/")),
        parts: loaded.filter((file) => file.includes("/class-validator/")).length,
      }));`;
    const root = join(__dirname, "..", "..");
    const output = execFileSync(process.execPath, ["-r", "@swc-node/register", "-e", script], {
      cwd: root,
      encoding: "utf8",
    });
    const loaded = JSON.parse(output.trim().split("\n").at(-1)!);
    expect(loaded).toMatchObject({ index: false, phoneNumbers: false });
    expect(loaded.parts).toBeGreaterThan(0);
  });
});
