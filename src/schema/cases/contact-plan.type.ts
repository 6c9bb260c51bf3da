import { Field, ObjectType } from "type-graphql";
import { ContactChannel, InformationLevel } from "../../domain/cases/contact.enums";
import type { ContactPlanEntity } from "../../entities/cases/contact-plan.entity";
import { DateScalar, DateTimeScalar } from "../common/scalars";

@ObjectType("ContactPlan", { description: "What the victim chose to hear, and how." })
export class ContactPlan {
  @Field(() => InformationLevel, { description: "How much the victim wants to hear." })
  informationLevel: InformationLevel;

  @Field(() => [ContactChannel], { description: "Channels in the victim's order of preference." })
  channels: ContactChannel[];

  @Field(() => DateScalar, {
    description:
      "When the plan was agreed. A later change that still hears yearly keeps this date, which starts the yearly cycle of annual letters.",
  })
  agreedOn: string;

  @Field(() => DateTimeScalar, { description: "When the plan last changed." })
  updatedAt: Date;
}

export function toContactPlan(entity: ContactPlanEntity): ContactPlan {
  return Object.assign(new ContactPlan(), {
    informationLevel: entity.informationLevel,
    channels: entity.channels,
    agreedOn: entity.agreedOn,
    updatedAt: entity.updatedAt,
  });
}
