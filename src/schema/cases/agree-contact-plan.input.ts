import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsEnum } from "../common/input-rules";
import { Field, InputType } from "type-graphql";
import { ContactChannel, InformationLevel } from "../../domain/cases/contact.enums";
import { CaseTransitionInputBase } from "./case-transition-input.base";

@InputType("AgreeContactPlanInput", { description: "Record (or change) what the victim chose to hear, and how." })
export class AgreeContactPlanInput extends CaseTransitionInputBase {
  @Field(() => InformationLevel, { description: "How much the victim wants to hear." })
  @IsEnum(InformationLevel)
  informationLevel: InformationLevel;

  @Field(() => [ContactChannel], {
    description: "Channels in the victim's order of preference; each needs a matching contact detail.",
  })
  @ArrayNotEmpty({ message: "channels must list at least one channel" })
  @ArrayUnique({ message: "channels must not repeat a channel" })
  @ArrayMaxSize(3, { message: "channels must list at most 3 channels" })
  @IsEnum(ContactChannel, { each: true })
  channels: ContactChannel[];
}
