import "reflect-metadata";
import { DataSource } from "typeorm";
import { Region } from "../../src/domain/security/region.enum";
import { Role } from "../../src/domain/security/role.enum";
import { OffenderEntity } from "../../src/entities/custody/offender.entity";
import { OfficerEntity } from "../../src/entities/security/officer.entity";
import { createLoaders } from "../../src/graphql/loaders";
import { AccessControl } from "../../src/services/security/access-control";

// Never connected: a loader that went to the database here would fail the test.
const dataSource = new DataSource({ type: "postgres", entities: [OffenderEntity] });
const officer = Object.assign(new OfficerEntity(), { id: "officer-north-east", region: Region.NORTH_EAST });
const access = new AccessControl({ kind: "USER", username: "vlo", roles: [Role.VLO] }, officer);
const OFFENDER_ID = "3f1c2a9e-5b7d-4c8e-9a0b-1d2e3f4a5b6c";

describe("a request's loaders, each made on its first use", () => {
  it("should keep the loader it made, so what was primed is answered without a statement", async () => {
    const loaders = createLoaders(dataSource, access);
    const offender = Object.assign(new OffenderEntity(), { id: OFFENDER_ID, name: "Primed" });
    loaders.offender.prime(OFFENDER_ID, offender);
    expect(loaders.offender).toBe(loaders.offender);
    await expect(loaders.offender.load(OFFENDER_ID)).resolves.toBe(offender);
  });

  it("should give each request its own loaders, so nothing read for one caller reaches another", async () => {
    const first = createLoaders(dataSource, access);
    const second = createLoaders(dataSource, access);
    first.offender.prime(OFFENDER_ID, Object.assign(new OffenderEntity(), { id: OFFENDER_ID }));
    expect(second.offender).not.toBe(first.offender);
    expect(second.victimCase).not.toBe(first.victimCase);
    // The second request's loader has nothing primed: it would read, on a database never connected.
    await expect(second.offender.load(OFFENDER_ID)).rejects.toThrow();
  });
});
