import { Authorized, Field, ID, ObjectType } from "type-graphql";
import { ContactRole } from "../../domain/cases/contact.enums";
import type { Region } from "../../domain/security/region.enum";
import { Permission } from "../../domain/security/policy";
import type { CaseContactEntity } from "../../entities/cases/case-contact.entity";
import { toGlobalId } from "../../domain/ids/global-id";
import { DateScalar, DateTimeScalar } from "../common/scalars";
import { Node } from "../common/node.interface";

@ObjectType("PostalAddress", { description: "A UK postal address. Personal data." })
export class PostalAddress {
  @Field({ description: "First line of the address." })
  line1: string;

  @Field(() => String, { nullable: true, description: "Second line of the address." })
  line2: string | null;

  @Field({ description: "Town or city." })
  town: string;

  @Field({ description: "UK postcode, e.g. SW1A 1AA." })
  postcode: string;
}

@ObjectType("ContactNeeds", { description: "What the contact needs to be communicated with well. Personal data." })
export class ContactNeeds {
  @Field(() => String, { nullable: true, description: "Language for an interpreter, if one is needed." })
  interpreterLanguage: string | null;

  @Field(() => String, { nullable: true, description: "Accessibility needs (large print, British Sign Language, …)." })
  accessibility: string | null;
}

@ObjectType("CaseContact", {
  implements: Node,
  description: "A person the officer keeps informed on a case. All personal fields are encrypted at rest.",
})
export class CaseContact implements Node {
  @Field(() => ID, { description: "Opaque global id." })
  id: string;

  @Field(() => ContactRole, { description: "Who this person is in relation to the victim." })
  role: ContactRole;

  @Authorized(Permission.READ_PERSONAL_DATA)
  @Field(() => String, {
    nullable: true,
    description: "Full name. Personal data: null with a FORBIDDEN error for roles that may not read it.",
  })
  name: string | null;

  @Authorized(Permission.READ_PERSONAL_DATA)
  @Field(() => DateScalar, {
    nullable: true,
    description: "Date of birth (a child victim is told directly at 18). Personal data.",
  })
  dateOfBirth: string | null;

  @Authorized(Permission.READ_PERSONAL_DATA)
  @Field(() => PostalAddress, { nullable: true, description: "Postal address, for letters. Personal data." })
  address: PostalAddress | null;

  @Authorized(Permission.READ_PERSONAL_DATA)
  @Field(() => String, { nullable: true, description: "Telephone number. Personal data." })
  phone: string | null;

  @Authorized(Permission.READ_PERSONAL_DATA)
  @Field(() => String, { nullable: true, description: "Email address. Personal data." })
  email: string | null;

  @Authorized(Permission.READ_PERSONAL_DATA)
  @Field(() => ContactNeeds, { nullable: true, description: "Interpreter and accessibility needs. Personal data." })
  needs: ContactNeeds | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "When the personal fields were erased (retention or an erasure request); null while they are held.",
  })
  erasedAt: Date | null;

  // The case's region: personal fields are readable only where READ_PERSONAL_DATA reaches it.
  scopeRegion: Region | null;
  caseDatabaseId: string;
  databaseId: string;
}

export function toCaseContact(entity: CaseContactEntity, region: Region | null): CaseContact {
  return Object.assign(new CaseContact(), {
    scopeRegion: region,
    caseDatabaseId: entity.caseId,
    databaseId: entity.id,
    id: toGlobalId("CaseContact", entity.id),
    role: entity.role,
    name: entity.name,
    dateOfBirth: entity.dateOfBirth,
    address: entity.address ? { line2: null, ...entity.address } : null,
    phone: entity.phone,
    email: entity.email,
    needs: entity.needs ? { interpreterLanguage: null, accessibility: null, ...entity.needs } : null,
    erasedAt: entity.erasedAt,
  });
}
