import { Query, Resolver } from "type-graphql";
import { SUPPORT_SERVICES } from "../../domain/support/support-services";
import { SupportService } from "../../schema/support/support-service.type";

@Resolver()
export class SupportServicesResolver {
  @Query(() => [SupportService], {
    description:
      "The services the scheme signposts victims to (Victim Support, Samaritans, the domestic-abuse and stalking helplines, HMPPS's unwanted prisoner contact service), with their contact details and source.",
  })
  supportServices(): SupportService[] {
    return SUPPORT_SERVICES.map((service) => Object.assign(new SupportService(), service));
  }
}
