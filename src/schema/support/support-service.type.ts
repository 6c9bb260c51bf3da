import { Field, ID, ObjectType } from "type-graphql";

@ObjectType("SupportService", {
  description:
    "A service the scheme signposts victims to. Every letter that offers support lists these, from the same data.",
})
export class SupportService {
  @Field(() => ID, { description: "Stable identifier, e.g. NATIONAL_STALKING_HELPLINE." })
  id: string;

  @Field({ description: "The service's name." })
  name: string;

  @Field({ description: "What it helps with, in the words a victim reads." })
  purpose: string;

  @Field({ description: "Its phone number, as the service publishes it." })
  phone: string;

  @Field({ description: "When the phone line is open." })
  hours: string;

  @Field({ description: "Its website." })
  website: string;

  @Field(() => String, { nullable: true, description: "Its email address, where it has one for victims." })
  email: string | null;

  @Field({ description: "Where these details were taken from." })
  source: string;
}
