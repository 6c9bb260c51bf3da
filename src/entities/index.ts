import { AccessLogEntity } from "./security/access-log.entity";
import { CaseContactEntity } from "./cases/case-contact.entity";
import { CaseTransitionEntity } from "./cases/case-transition.entity";
import { CaseTransitionNoteEntity } from "./cases/case-transition-note.entity";
import { ContactPlanEntity } from "./cases/contact-plan.entity";
import { CustodyEventEntity } from "./custody/custody-event.entity";
import { IdempotencyKeyEntity } from "./cases/idempotency-key.entity";
import { KeyDateRecordEntity } from "./sentences/key-date-record.entity";
import { LicenceConditionRequestEntity } from "./licence-conditions/licence-condition-request.entity";
import { NotificationEntity } from "./notifications/notification.entity";
import { OffenderEntity } from "./custody/offender.entity";
import { OfficerEntity } from "./security/officer.entity";
import { ParoleRequestEntity } from "./parole/parole-request.entity";
import { ParoleReviewEntity } from "./parole/parole-review.entity";
import { SentenceEntity } from "./sentences/sentence.entity";
import { TaskEntity } from "./work/task.entity";
import { TimerEntity } from "./work/timer.entity";
import { VictimCaseEntity } from "./cases/victim-case.entity";
import { VictimPersonalStatementEntity } from "./parole/victim-personal-statement.entity";

export const ENTITIES = [
  OffenderEntity,
  SentenceEntity,
  VictimCaseEntity,
  CaseContactEntity,
  ContactPlanEntity,
  CaseTransitionEntity,
  CaseTransitionNoteEntity,
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
