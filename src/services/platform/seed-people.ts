import type { Faker } from "@faker-js/faker";
import { addDays } from "../../domain/calendar/calendar";
import { ContactRole } from "../../domain/cases/contact.enums";
import { Region } from "../../domain/security/region.enum";
import type { PostalAddress } from "../../entities/cases/case-contact.entity";
import type { ContactDetails } from "../cases/referral.service";

// Fictional people for the seeded database (npm run seed): names from faker's en-GB locale, real
// towns and postcode areas of each probation region, and only numbers and addresses that reach
// nobody: Ofcom's drama telephone ranges and example.org mail. Prison numbers and CRNs have the
// service's formats (A1234BC, X123456) and are unique within one seed.

interface Place {
  town: string;
  /** The postcode area: the letters that start every postcode there. */
  area: string;
  /** An Ofcom drama number's prefix for the area (the last three digits are free). */
  landline: string;
}

const PLACES: Readonly<Record<Region, readonly Place[]>> = {
  [Region.NORTH_EAST]: [
    { town: "Newcastle upon Tyne", area: "NE", landline: "0191 498 0" },
    { town: "Sunderland", area: "SR", landline: "0191 498 0" },
    { town: "Durham", area: "DH", landline: "0191 498 0" },
    { town: "Middlesbrough", area: "TS", landline: "01632 960" },
  ],
  [Region.NORTH_WEST]: [
    { town: "Liverpool", area: "L", landline: "0151 496 0" },
    { town: "Preston", area: "PR", landline: "01632 960" },
    { town: "Carlisle", area: "CA", landline: "01632 960" },
    { town: "Blackburn", area: "BB", landline: "01632 960" },
  ],
  [Region.YORKSHIRE_AND_THE_HUMBER]: [
    { town: "Leeds", area: "LS", landline: "0113 496 0" },
    { town: "Sheffield", area: "S", landline: "0114 496 0" },
    { town: "Bradford", area: "BD", landline: "01632 960" },
    { town: "Hull", area: "HU", landline: "01632 960" },
  ],
  [Region.GREATER_MANCHESTER]: [
    { town: "Manchester", area: "M", landline: "0161 496 0" },
    { town: "Bolton", area: "BL", landline: "01632 960" },
    { town: "Oldham", area: "OL", landline: "0161 496 0" },
    { town: "Stockport", area: "SK", landline: "0161 496 0" },
  ],
  [Region.EAST_MIDLANDS]: [
    { town: "Nottingham", area: "NG", landline: "0115 496 0" },
    { town: "Leicester", area: "LE", landline: "0116 496 0" },
    { town: "Derby", area: "DE", landline: "01632 960" },
    { town: "Lincoln", area: "LN", landline: "01632 960" },
  ],
  [Region.WEST_MIDLANDS]: [
    { town: "Birmingham", area: "B", landline: "0121 496 0" },
    { town: "Coventry", area: "CV", landline: "01632 960" },
    { town: "Wolverhampton", area: "WV", landline: "01632 960" },
    { town: "Stoke-on-Trent", area: "ST", landline: "01632 960" },
  ],
  [Region.EAST_OF_ENGLAND]: [
    { town: "Norwich", area: "NR", landline: "01632 960" },
    { town: "Cambridge", area: "CB", landline: "01632 960" },
    { town: "Ipswich", area: "IP", landline: "01632 960" },
    { town: "Luton", area: "LU", landline: "01632 960" },
  ],
  [Region.LONDON]: [
    { town: "London", area: "E", landline: "020 7946 0" },
    { town: "London", area: "SE", landline: "020 7946 0" },
    { town: "London", area: "N", landline: "020 7946 0" },
    { town: "Croydon", area: "CR", landline: "020 7946 0" },
  ],
  [Region.KENT_SURREY_AND_SUSSEX]: [
    { town: "Canterbury", area: "CT", landline: "01632 960" },
    { town: "Maidstone", area: "ME", landline: "01632 960" },
    { town: "Brighton", area: "BN", landline: "01632 960" },
    { town: "Guildford", area: "GU", landline: "01632 960" },
  ],
  [Region.SOUTH_CENTRAL]: [
    { town: "Oxford", area: "OX", landline: "01632 960" },
    { town: "Reading", area: "RG", landline: "0118 496 0" },
    { town: "Southampton", area: "SO", landline: "01632 960" },
    { town: "Portsmouth", area: "PO", landline: "01632 960" },
  ],
  [Region.SOUTH_WEST]: [
    { town: "Bristol", area: "BS", landline: "0117 496 0" },
    { town: "Exeter", area: "EX", landline: "01632 960" },
    { town: "Plymouth", area: "PL", landline: "01632 960" },
    { town: "Gloucester", area: "GL", landline: "01632 960" },
  ],
  [Region.WALES]: [
    { town: "Cardiff", area: "CF", landline: "029 2018 0" },
    { town: "Swansea", area: "SA", landline: "01632 960" },
    { town: "Newport", area: "NP", landline: "01632 960" },
    { town: "Wrexham", area: "LL", landline: "01632 960" },
  ],
};

/** Each region's probation teams, for the officers' `team`. */
export function teamsOf(region: Region): string[] {
  return PLACES[region].map((place) => `${place.town === "London" ? `London ${place.area}` : place.town} VLU`);
}

// The letters a postcode's last two characters may take (Royal Mail never uses C, I, K, M, O, V there).
const INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";
// Ofcom reserves 07700 900000 to 900999 for drama: mobiles that ring nobody.
const DRAMA_MOBILE = "07700 900";

/** Makes the fictional people of one seed; every identifier it hands out is unique in that seed. */
export class FictionalPeople {
  private readonly prisonNumbers = new Set<string>();
  private readonly crns = new Set<string>();
  private readonly usernames = new Set<string>();

  constructor(private readonly faker: Faker) {}

  /** An officer's user name (first.last, numbered when taken) and name. */
  officer(): { username: string; name: string } {
    const first = this.faker.person.firstName();
    const last = this.faker.person.lastName();
    const base = `${first}.${last}`.toLowerCase().replace(/[^a-z.]+/g, "");
    let username = base;
    for (let n = 2; this.usernames.has(username); n++) username = `${base}${n}`;
    this.usernames.add(username);
    return { username, name: `${first} ${last}` };
  }

  /** Reserves a user name already given (the demo officers), so no seeded officer takes it. */
  reserveUsername(username: string): void {
    this.usernames.add(username);
  }

  /** An offender's name: most offenders in the scheme are men. */
  offenderName(): string {
    const sex = this.faker.number.float() < 0.95 ? "male" : "female";
    return `${this.faker.person.firstName(sex)} ${this.faker.person.lastName()}`;
  }

  /** A NOMIS prison number, A1234BC (newer ones start with G). */
  prisonNumber(): string {
    return this.unique(this.prisonNumbers, () => {
      const first = this.faker.helpers.arrayElement(["A", "A", "G"]);
      return `${first}${this.digits(4)}${this.letters(2, "ABCDEFGHJKLMNPQRSTUVWXYZ")}`;
    });
  }

  /** A probation case reference number, X123456. */
  crn(): string {
    return this.unique(this.crns, () => `${this.faker.helpers.arrayElement(["X", "D", "E"])}${this.digits(6)}`);
  }

  /**
   * A contact in the region: each detail held or not as the rates say. `born` bounds the date of
   * birth (both inclusive); `taken` holds the names, emails and phones already used by the
   * offender's other victims, so no referral looks like a duplicate of another.
   */
  contact(
    role: ContactRole,
    region: Region,
    held: { address: boolean; email: boolean; phone: boolean },
    born: { from: string; to: string },
    taken: Set<string>,
  ): ContactDetails {
    for (;;) {
      const first = this.faker.person.firstName();
      const last = this.faker.person.lastName();
      const name = `${first} ${last}`;
      const email = held.email
        ? this.faker.internet.exampleEmail({ firstName: first, lastName: last }).toLowerCase()
        : null;
      const phone = held.phone ? this.phone(region) : null;
      const keys = [name, email, phone].filter((key): key is string => key !== null);
      if (keys.some((key) => taken.has(key))) continue;
      for (const key of keys) taken.add(key);
      return {
        role,
        name,
        dateOfBirth: this.dayBetween(born.from, born.to),
        email,
        phone,
        address: held.address ? this.address(region) : null,
        needs: this.needs(role),
      };
    }
  }

  /** A postal address in one of the region's towns, with a postcode of the town's area. */
  address(region: Region): PostalAddress {
    const place = this.faker.helpers.arrayElement(PLACES[region]);
    const flat = this.faker.number.float() < 0.15;
    const district = this.faker.number.int({ min: 1, max: 28 });
    return {
      line1: flat
        ? `Flat ${this.faker.number.int({ min: 1, max: 40 })}, ${this.faker.location.street()}`
        : `${this.faker.number.int({ min: 1, max: 250 })} ${this.faker.location.street()}`,
      line2: null,
      town: place.town,
      postcode: `${place.area}${district} ${this.faker.number.int({ min: 1, max: 9 })}${this.letters(2, INWARD_LETTERS)}`,
    };
  }

  private phone(region: Region): string {
    if (this.faker.number.float() < 0.6) return `${DRAMA_MOBILE}${this.digits(3)}`;
    return `${this.faker.helpers.arrayElement(PLACES[region]).landline}${this.digits(3)}`;
  }

  private needs(role: ContactRole): ContactDetails["needs"] {
    const roll = this.faker.number.float();
    if (role === ContactRole.REPRESENTATIVE || roll >= 0.08) return null;
    return roll < 0.04
      ? { interpreterLanguage: this.faker.helpers.arrayElement(["Polish", "Urdu", "Punjabi", "Romanian", "Welsh"]) }
      : { accessibility: this.faker.helpers.arrayElement(["Large print letters", "Easy read", "Braille"]) };
  }

  private dayBetween(from: string, to: string): string {
    const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
    return addDays(from, this.faker.number.int({ min: 0, max: Math.max(0, days) }));
  }

  private digits(count: number): string {
    return Array.from({ length: count }, () => this.faker.number.int({ min: 0, max: 9 })).join("");
  }

  private letters(count: number, alphabet: string): string {
    return Array.from({ length: count }, () => this.faker.helpers.arrayElement([...alphabet])).join("");
  }

  private unique(used: Set<string>, make: () => string): string {
    for (;;) {
      const value = make();
      if (used.has(value)) continue;
      used.add(value);
      return value;
    }
  }
}
