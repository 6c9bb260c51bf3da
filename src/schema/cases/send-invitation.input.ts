import { IsBoolean, IsEnum, IsOptional } from "../common/input-rules";
import { Field, InputType } from "type-graphql";
import { ContactChannel } from "../../domain/cases/contact.enums";
import { CaseTransitionInputBase } from "./case-transition-input.base";

@InputType("SendInvitationInput", { description: "Invite the victim to join the scheme (or send a follow-up)." })
export class SendInvitationInput extends CaseTransitionInputBase {
  @Field(() => ContactChannel, {
    description: "How the invitation is sent; the contact must have that detail (a letter needs an address).",
  })
  @IsEnum(ContactChannel)
  channel: ContactChannel;

  @Field(() => Boolean, {
    nullable: true,
    description: "Whether a visit by the officer was offered with the invitation.",
  })
  @IsOptional()
  @IsBoolean()
  visitOffered?: boolean | null;
}
