// The services the scheme signposts victims to, as data: every letter that offers support lists
// them from here, and the supportServices query reads the same list. Sources beside each entry;
// the scheme's own guidance names the domestic-abuse and stalking helplines and HMPPS's service
// for unwanted contact from a prisoner besides Victim Support and Samaritans (domain.md §1.6).

export interface SupportService {
  /** Stable: clients may key on it. */
  id: string;
  name: string;
  /** What it helps with, in the words a victim reads. */
  purpose: string;
  phone: string;
  /** When the phone line is open, as the service publishes it. */
  hours: string;
  website: string;
  email: string | null;
  /** Where the details were taken from. */
  source: string;
}

export const SUPPORT_SERVICES: readonly SupportService[] = [
  {
    id: "VICTIM_SUPPORT",
    name: "Victim Support",
    purpose: "free, confidential support for anyone affected by crime",
    phone: "0808 16 89 111",
    hours: "free, 24 hours a day",
    website: "https://www.victimsupport.org.uk",
    email: null,
    source: "https://www.victimsupport.org.uk/help-and-support/get-help/support-near-you/",
  },
  {
    id: "SAMARITANS",
    name: "Samaritans",
    purpose: "someone to talk to, whatever you are going through",
    phone: "116 123",
    hours: "free, 24 hours a day",
    website: "https://www.samaritans.org",
    email: "jo@samaritans.org",
    source: "https://www.samaritans.org/how-we-can-help/contact-samaritan/",
  },
  {
    id: "NATIONAL_DOMESTIC_ABUSE_HELPLINE",
    name: "National Domestic Abuse Helpline",
    purpose: "support if you are experiencing domestic abuse",
    phone: "0808 2000 247",
    hours: "free, 24 hours a day",
    website: "https://www.nationaldahelpline.org.uk",
    email: null,
    source:
      "https://refuge.org.uk/news/refuge-responds-to-reports-of-potential-increase-in-domestic-abuse-during-covid-19",
  },
  {
    id: "NATIONAL_STALKING_HELPLINE",
    name: "National Stalking Helpline",
    purpose: "advice if you are being stalked or harassed",
    phone: "0808 802 0300",
    hours: "free; see the website for opening hours",
    website: "https://www.suzylamplugh.org/national-stalking-helpline",
    email: null,
    source: "https://www.suzylamplugh.org/Appeal/reach",
  },
  {
    id: "UNWANTED_PRISONER_CONTACT",
    name: "Unwanted Prisoner Contact Service",
    // Run by HM Prison and Probation Service; the letters never name the prison service's
    // initials, which the disclosure checks rightly treat as the start of a prison's name.
    purpose: "to stop a prisoner contacting you by letter, phone or through someone else",
    phone: "0300 060 6699",
    hours: "weekdays, office hours",
    website: "https://www.gov.uk/guidance/stop-unwanted-contact-from-a-prisoner",
    email: "unwantedprisonercontact@justice.gov.uk",
    source: "https://www.derbyshirevictimservices.co.uk/justice-system/what-to-expect-after-the-trial/",
  },
];

/** One service by id; a missing id is a programming error, caught by the tests. */
export function supportService(id: string): SupportService {
  const found = SUPPORT_SERVICES.find((service) => service.id === id);
  if (!found) throw new Error(`No support service ${id}`);
  return found;
}
