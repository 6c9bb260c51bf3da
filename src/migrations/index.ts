import { InitialSchema1764300000000 } from "./1764300000000-initial-schema";
import { Officers1764400000000 } from "./1764400000000-officers";
import { AccessLog1764500000000 } from "./1764500000000-access-log";
import { KeyDateRecords1764600000000 } from "./1764600000000-key-date-records";
import { ParoleAndLicenceConditions1764700000000 } from "./1764700000000-parole-and-licence-conditions";
import { Notifications1764800000000 } from "./1764800000000-notifications";
import { Timers1764900000000 } from "./1764900000000-timers";
import { LiveUpdates1765000000000 } from "./1765000000000-live-updates";
import { Tasks1765100000000 } from "./1765100000000-tasks";
import { NotifyDeliveryStatus1765200000000 } from "./1765200000000-notify-delivery-status";
import { ReleaseDirected1765300000000 } from "./1765300000000-release-directed";
import { SentenceFlags1765400000000 } from "./1765400000000-sentence-flags";
import { SeekVictimViews1765500000000 } from "./1765500000000-seek-victim-views";
import { ExpectedReleaseMonth1765600000000 } from "./1765600000000-expected-release-month";
import { LicenceConditionDecision1765700000000 } from "./1765700000000-licence-condition-decision";
import { ReleaseConfirmation1765800000000 } from "./1765800000000-release-confirmation";
import { ReturnedToUk1765900000000 } from "./1765900000000-returned-to-uk";
import { ContactBlindIndexes1766100000000 } from "./1766100000000-contact-blind-indexes";
import { HospitalOrders1766000000000 } from "./1766000000000-hospital-orders";
import { CaseTransitionEffectiveOn1766200000000 } from "./1766200000000-case-transition-effective-on";
import { CaseloadIndexes1766300000000 } from "./1766300000000-caseload-indexes";
import { ClientCorrelationId1766400000000 } from "./1766400000000-client-correlation-id";
import { DiscretionaryGround1766500000000 } from "./1766500000000-discretionary-ground";
import { SharedLimits1766600000000 } from "./1766600000000-shared-limits";
import { IdempotencyKeyExpiry1766700000000 } from "./1766700000000-idempotency-key-expiry";
import { RuntimeRole1766800000000 } from "./1766800000000-runtime-role";
import { CaseTransitionNotes1766900000000 } from "./1766900000000-case-transition-notes";
import { StatisticsAtScale1767000000000 } from "./1767000000000-statistics-at-scale";
import { OfficerChanges1767100000000 } from "./1767100000000-officer-changes";

// In order of application.
export const MIGRATIONS = [
  InitialSchema1764300000000,
  Officers1764400000000,
  AccessLog1764500000000,
  KeyDateRecords1764600000000,
  ParoleAndLicenceConditions1764700000000,
  Notifications1764800000000,
  Timers1764900000000,
  LiveUpdates1765000000000,
  Tasks1765100000000,
  NotifyDeliveryStatus1765200000000,
  ReleaseDirected1765300000000,
  SentenceFlags1765400000000,
  SeekVictimViews1765500000000,
  ExpectedReleaseMonth1765600000000,
  LicenceConditionDecision1765700000000,
  ReleaseConfirmation1765800000000,
  ReturnedToUk1765900000000,
  HospitalOrders1766000000000,
  ContactBlindIndexes1766100000000,
  CaseTransitionEffectiveOn1766200000000,
  CaseloadIndexes1766300000000,
  ClientCorrelationId1766400000000,
  DiscretionaryGround1766500000000,
  SharedLimits1766600000000,
  IdempotencyKeyExpiry1766700000000,
  RuntimeRole1766800000000,
  CaseTransitionNotes1766900000000,
  StatisticsAtScale1767000000000,
  OfficerChanges1767100000000,
];
