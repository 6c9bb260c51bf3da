import "reflect-metadata";
import { CaseAction, CaseStatus } from "../../src/domain/cases/case.enums";
import { ContactChannel } from "../../src/domain/cases/contact.enums";
import { CustodyPhase } from "../../src/domain/custody/custody.enums";
import { Permission } from "../../src/domain/security/policy";
import { Region } from "../../src/domain/security/region.enum";
import { Role } from "../../src/domain/security/role.enum";
import { OfficerEntity } from "../../src/entities/security/officer.entity";
import { availableCaseActionsOf } from "../../src/machines/case.machine";
import type { CaseContext } from "../../src/machines/machine-events";
import { permittedCaseActions } from "../../src/resolvers/cases/permitted-case-actions";
import { AccessControl } from "../../src/services/security/access-control";

const officerIn = (region: Region) => Object.assign(new OfficerEntity(), { id: `officer-${region}`, region });
const userWith = (role: Role, region: Region) =>
  new AccessControl({ kind: "USER", username: `user-${role}`, roles: [role] }, officerIn(region));

const context = (changes: Partial<CaseContext> = {}): CaseContext => ({
  custodyPhase: CustodyPhase.IN_CUSTODY,
  reachableChannels: [ContactChannel.LETTER],
  contactPlan: null,
  declineReason: null,
  invitationsSent: 1,
  closeReason: null,
  ...changes,
});

// What availableActions answered before it remembered anything: each action asked of the policy.
const askedOneByOne = (access: AccessControl, allowed: readonly CaseAction[], region: Region | null) =>
  allowed.filter((action) =>
    access.allows(action === CaseAction.CLOSE ? Permission.CLOSE_CASES : Permission.CHANGE_CASES, region),
  );

describe("permitted case actions", () => {
  const invited = availableCaseActionsOf(CaseStatus.INVITED, context());

  it("should answer the policy's own answer for each region when one caller asks of the same state twice", () => {
    const manager = userWith(Role.MANAGER, Region.NORTH_EAST);
    // Twice over, so the second round comes from memory and must still tell the regions apart.
    for (const round of [1, 2]) {
      expect([round, permittedCaseActions(manager, invited, Region.NORTH_EAST)]).toEqual([
        round,
        [CaseAction.SEND_INVITATION, CaseAction.RECORD_OPT_IN, CaseAction.RECORD_DECLINE, CaseAction.CLOSE],
      ]);
      expect([round, permittedCaseActions(manager, invited, Region.WALES)]).toEqual([round, []]);
      expect([round, permittedCaseActions(manager, invited, null)]).toEqual([round, []]);
    }
  });

  it("should tell callers apart when their roles differ and they ask of the same state and region", () => {
    const manager = userWith(Role.MANAGER, Region.NORTH_EAST);
    const officer = userWith(Role.VLO, Region.NORTH_EAST);
    const analyst = userWith(Role.ANALYST, Region.NORTH_EAST);
    for (const round of [1, 2]) {
      expect([round, permittedCaseActions(manager, invited, Region.NORTH_EAST)]).toEqual([round, invited]);
      // A VLO may change the case but not close it; an analyst may do neither.
      expect([round, permittedCaseActions(officer, invited, Region.NORTH_EAST)]).toEqual([
        round,
        [CaseAction.SEND_INVITATION, CaseAction.RECORD_OPT_IN, CaseAction.RECORD_DECLINE],
      ]);
      expect([round, permittedCaseActions(analyst, invited, Region.NORTH_EAST)]).toEqual([round, []]);
    }
  });

  it("should tell states apart when one caller asks of the same region", () => {
    const officer = userWith(Role.VLO, Region.NORTH_EAST);
    const ended = availableCaseActionsOf(CaseStatus.INVITED, context({ custodyPhase: CustodyPhase.SENTENCE_ENDED }));
    const optedIn = availableCaseActionsOf(CaseStatus.OPTED_IN, context());
    for (const round of [1, 2])
      for (const allowed of [invited, ended, optedIn])
        expect([round, permittedCaseActions(officer, allowed, Region.NORTH_EAST)]).toEqual([
          round,
          askedOneByOne(officer, allowed, Region.NORTH_EAST),
        ]);
    expect(permittedCaseActions(officer, ended, Region.NORTH_EAST)).not.toContain(CaseAction.RECORD_OPT_IN);
    expect(permittedCaseActions(officer, optedIn, Region.NORTH_EAST)).toContain(CaseAction.AGREE_CONTACT_PLAN);
  });

  it("should answer the same list when the machine's state is answered from memory", () => {
    expect(availableCaseActionsOf(CaseStatus.INVITED, context())).toBe(invited);
  });
});
