import { Field, ObjectType } from "type-graphql";
import type { CaseStatus } from "../../domain/cases/case.enums";
import type { Region } from "../../domain/security/region.enum";
import type { ParoleReviewEntity } from "../../entities/parole/parole-review.entity";
import { ParoleReview, toParoleReview } from "./parole-review.type";

@ObjectType("CaseParoleReview", {
  description:
    "A parole review of the case's offender as the case takes part in it: the victim's steps (personal statement, applications, requests) you may take in it now, and why the others are refused.",
})
export class CaseParoleReview {
  @Field(() => ParoleReview, { description: "The review." })
  paroleReview: ParoleReview;

  review: ParoleReviewEntity;
  caseDatabaseId: string;
  caseStatus: CaseStatus;
  /** The case's region: decides whether you may take its steps. */
  scopeRegion: Region | null;
}

export function toCaseParoleReview(
  review: ParoleReviewEntity,
  victimCase: { databaseId: string; status: CaseStatus; scopeRegion: Region | null },
): CaseParoleReview {
  return Object.assign(new CaseParoleReview(), {
    paroleReview: toParoleReview(review),
    review,
    caseDatabaseId: victimCase.databaseId,
    caseStatus: victimCase.status,
    scopeRegion: victimCase.scopeRegion,
  });
}
