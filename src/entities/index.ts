import { AccessLogEntity } from "./access-log.entity";
import { CaseContactEntity } from "./case-contact.entity";
import { CaseTransitionEntity } from "./case-transition.entity";
import { ContactPlanEntity } from "./contact-plan.entity";
import { CustodyEventEntity } from "./custody-event.entity";
import { IdempotencyKeyEntity } from "./idempotency-key.entity";
import { KeyDateRecordEntity } from "./key-date-record.entity";
import { LicenceConditionRequestEntity } from "./licence-condition-request.entity";
import { NotificationEntity } from "./notification.entity";
import { OffenderEntity } from "./offender.entity";
import { OfficerEntity } from "./officer.entity";
import { ParoleRequestEntity } from "./parole-request.entity";
import { ParoleReviewEntity } from "./parole-review.entity";
import { SentenceEntity } from "./sentence.entity";
import { TaskEntity } from "./task.entity";
import { TimerEntity } from "./timer.entity";
import { VictimCaseEntity } from "./victim-case.entity";
import { VictimPersonalStatementEntity } from "./victim-personal-statement.entity";

export const ENTITIES = [
  OffenderEntity,
  SentenceEntity,
  VictimCaseEntity,
  CaseContactEntity,
  ContactPlanEntity,
  CaseTransitionEntity,
  CustodyEventEntity,
  IdempotencyKeyEntity,
  OfficerEntity,
  AccessLogEntity,
  KeyDateRecordEntity,
  ParoleReviewEntity,
  VictimPersonalStatementEntity,
  ParoleRequestEntity,
  LicenceConditionRequestEntity,
  NotificationEntity,
  TimerEntity,
  TaskEntity,
];
