import type { EntityTarget, ObjectLiteral } from "typeorm";
import { CaseContactEntity } from "../../src/entities/cases/case-contact.entity";
import { CaseTransitionEntity } from "../../src/entities/cases/case-transition.entity";
import { ContactPlanEntity } from "../../src/entities/cases/contact-plan.entity";
import { VictimCaseEntity } from "../../src/entities/cases/victim-case.entity";
import { OffenderEntity } from "../../src/entities/custody/offender.entity";
import { entityColumns, entityFromRow } from "../../src/services/platform/entity-rows";
import { selectRows } from "../../src/services/platform/sql";
import { createOffender, mutate, optedInCase } from "../support/api";
import { ENGINES, startHarness, type Harness } from "../support/harness";

// Issue 15 §4: the busiest reads map plain SQL rows to entities themselves. Whatever they map must
// be exactly what TypeORM would have loaded: every column, its type, and sealed fields opened.
describe.each(ENGINES)("entities read from plain rows (%s)", (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(engine);
    const offender = await createOffender(h);
    const opted = await optedInCase(h, offender.id, true);
    await mutate(
      h,
      `mutation ($input: AddCaseContactInput!) { addCaseContact(input: $input) { userErrors { code } } }`,
      {
        caseId: opted.id,
        contact: { role: "NEXT_OF_KIN", name: "Second Contact", phone: "07700 900123", dateOfBirth: "1990-02-03" },
      },
    );
  });
  afterAll(() => h.close());

  it.each([
    ["victim_case", VictimCaseEntity],
    ["offender", OffenderEntity],
    ["case_contact", CaseContactEntity],
    ["contact_plan", ContactPlanEntity],
    ["case_transition", CaseTransitionEntity],
  ] as [string, EntityTarget<ObjectLiteral>][])("should read %s as TypeORM loads it", async (table, target) => {
    const loaded = await h.dataSource.manager.find(target, {});
    const rows = await selectRows<Record<string, unknown>>(
      h.dataSource,
      `SELECT ${entityColumns(h.dataSource, target, "t", "x_")} FROM "${table}" t`,
    );
    const mapped = rows.map((row) => entityFromRow(h.dataSource, target, row, "x_"));

    expect(loaded.length).toBeGreaterThan(0);
    const byId = (entities: (ObjectLiteral | null)[]) =>
      [...entities].sort((a, b) => String(a!.id ?? a!.caseId).localeCompare(String(b!.id ?? b!.caseId)));
    expect(byId(mapped)).toEqual(byId(loaded));
    expect(mapped[0]).toBeInstanceOf(target as new () => unknown);
  });

  it("should answer null for an outer join that found nothing", async () => {
    const [row] = await selectRows<Record<string, unknown>>(
      h.dataSource,
      `SELECT ${entityColumns(h.dataSource, OffenderEntity, "o", "o_")} FROM (SELECT 1) one LEFT JOIN "offender" o ON FALSE`,
    );
    expect(entityFromRow(h.dataSource, OffenderEntity, row, "o_")).toBeNull();
  });
});
