/**
 * Places of detention in England and Wales: prisons, young offender institutions,
 * secure training centres / secure schools / secure children's homes, immigration
 * removal centres, the three high-secure hospitals and a set of medium-secure units.
 * Used to refuse free text that names a place of detention.
 *
 * Sources:
 *  - ministryofjustice/prison-register@8dc0227fee2c48dcad4227aeb7bd9abc3c31f211
 *    src/main/resources/db/migration/V1_*.sql (V1_1__insert_prisons.sql plus every later
 *    insert/rename/deactivate, replayed in Flyway order). This gave every prison id, name and
 *    active flag. The register's synthetic entries FOI "Foreign Prison" and ZZGHI
 *    "Ghost Holding Establishment" are left out.
 *  - ministryofjustice/hmpps-electronic-monitoring-create-an-order-api@9c698f783d2aa7490f42c093e75e51b1e4a2c474
 *    src/main/kotlin/uk/gov/justice/digital/hmpps/hmppselectronicmonitoringcreateanorderapi/models/enums/Prison.kt
 *    (the file was last changed in 64eb2cd6428435f5599d2bf8bd39f77151cf4fc6). It holds 125 current
 *    establishments. Its ids match every active register id except STC3 (Oakhill STC). It also has
 *    FEI (Fosse Way, inactive in the register but open since 2023) and MKI (Millsike, opened 2025,
 *    not in the register).
 *  - High-secure hospitals: Broadmoor, Rampton and Ashworth (the only three in England; Wales has
 *    none).
 *  - Entries with `verified: false` (medium-secure units, secure children's homes, Home Office IRCs
 *    and the secure school) come from general knowledge. No machine-readable source was checked for
 *    them.
 *
 * Conventions:
 *  - `name` is written without any "HMP" / "HMYOI" / "HMP & YOI" prefix or suffix.
 *  - `aliases` use the same `ambiguous` flag as their entry. A nickname with a different
 *    ambiguity level has its own entry with the same prisonId (for example "Strangeways" next to
 *    "Manchester", and "Scrubs" next to "Wormwood Scrubs"). So one prisonId can appear more than once.
 *  - `ambiguous: true` means refuse only when the name sits next to a detention word: HMP, HMYOI,
 *    YOI, prison, jail/gaol, nick, STC, secure training centre, secure school, secure unit, IRC,
 *    immigration removal centre, detention centre, hospital, secure hospital, unit, clinic, and
 *    Welsh "carchar".
 *  - `closed: true` means no establishment operates under that name now (the register's
 *    active=false). Some closed names are still sites of a current prison (noted per entry). All of
 *    them are kept because a victim could still name them.
 */
export interface PlaceOfDetention {
  /** The name as people write it, without "HMP"/"HMYOI" prefix, e.g. "Full Sutton", "North Sea Camp". */
  readonly name: string;
  readonly kind: "PRISON" | "YOI" | "SECURE_CHILDRENS" | "HIGH_SECURE_HOSPITAL" | "SECURE_HOSPITAL" | "IRC";
  /** Other names in use, e.g. "The Mount", "Wormwood Scrubs" / "Scrubs". */
  readonly aliases?: readonly string[];
  /**
   * True when the bare name is also an ordinary word, a common place/town/area name, a well-known
   * landmark or a common personal name, so it should only be refused next to a prison word.
   */
  readonly ambiguous?: boolean;
  /** NOMIS / prison-register agency id, e.g. "FNI". */
  readonly prisonId?: string;
  /** Further agency ids for the same place (e.g. Feltham A/B, Parc adult/YOI, Peterborough male/female). */
  readonly otherPrisonIds?: readonly string[];
  readonly closed?: boolean;
  /** false = compiled from general knowledge, not confirmed against a machine-readable source. Absent = sourced. */
  readonly verified?: boolean;
}

export const PLACES_OF_DETENTION: readonly PlaceOfDetention[] = [
  // ---------------------------------------------------------------------------
  // Current prisons (prison-register active=true, cross-checked with EM Prison.kt)
  // ---------------------------------------------------------------------------
  { name: "Altcourse", kind: "PRISON", prisonId: "ACI" },
  { name: "Ashfield", kind: "PRISON", prisonId: "ASI", ambiguous: true }, // district in Notts
  { name: "Askham Grange", kind: "PRISON", prisonId: "AGI" },
  { name: "Aylesbury", kind: "YOI", prisonId: "AYI", ambiguous: true },
  { name: "Bedford", kind: "PRISON", prisonId: "BFI", ambiguous: true },
  { name: "Belmarsh", kind: "PRISON", prisonId: "BAI" },
  { name: "Berwyn", kind: "PRISON", prisonId: "BWI", ambiguous: true, aliases: ["Carchar y Berwyn"] }, // Berwyn range; Wrexham
  { name: "Birmingham", kind: "PRISON", prisonId: "BMI", ambiguous: true, aliases: ["Winson Green"] },
  { name: "Brinsford", kind: "PRISON", prisonId: "BSI" },
  { name: "Bristol", kind: "PRISON", prisonId: "BLI", ambiguous: true, aliases: ["Horfield"] },
  { name: "Brixton", kind: "PRISON", prisonId: "BXI", ambiguous: true },
  { name: "Bronzefield", kind: "PRISON", prisonId: "BZI" },
  { name: "Buckley Hall", kind: "PRISON", prisonId: "BCI" },
  { name: "Bullingdon", kind: "PRISON", prisonId: "BNI", ambiguous: true }, // Bullingdon Club
  { name: "Bure", kind: "PRISON", prisonId: "BRI", ambiguous: true }, // River Bure
  { name: "Cardiff", kind: "PRISON", prisonId: "CFI", ambiguous: true, aliases: ["Caerdydd", "Carchar Caerdydd"] },
  { name: "Channings Wood", kind: "PRISON", prisonId: "CWI" },
  { name: "Chelmsford", kind: "PRISON", prisonId: "CDI", ambiguous: true },
  { name: "Coldingley", kind: "PRISON", prisonId: "CLI" },
  // Register: HMYOI. EM Prison.kt also lists "Cookham Wood Prison" (re-roled to adults, c. 2024).
  { name: "Cookham Wood", kind: "YOI", prisonId: "CKI" },
  // Emptied in 2024 because of radon; still in both sources.
  { name: "Dartmoor", kind: "PRISON", prisonId: "DAI", ambiguous: true },
  { name: "Deerbolt", kind: "PRISON", prisonId: "DTI" },
  { name: "Doncaster", kind: "PRISON", prisonId: "DNI", ambiguous: true },
  { name: "Dovegate", kind: "PRISON", prisonId: "DGI" },
  { name: "Downview", kind: "PRISON", prisonId: "DWI" },
  { name: "Drake Hall", kind: "PRISON", prisonId: "DHI" },
  { name: "Durham", kind: "PRISON", prisonId: "DMI", ambiguous: true },
  { name: "East Sutton Park", kind: "PRISON", prisonId: "ESI" },
  { name: "Eastwood Park", kind: "PRISON", prisonId: "EWI", ambiguous: true },
  { name: "Elmley", kind: "PRISON", prisonId: "EYI", ambiguous: true }, // Elmley nature reserve
  { name: "Erlestoke", kind: "PRISON", prisonId: "EEI" },
  { name: "Exeter", kind: "PRISON", prisonId: "EXI", ambiguous: true },
  { name: "Featherstone", kind: "PRISON", prisonId: "FSI", ambiguous: true }, // town, surname
  { name: "Feltham", kind: "YOI", prisonId: "FYI", otherPrisonIds: ["FMI"], ambiguous: true },
  { name: "Five Wells", kind: "PRISON", prisonId: "FWI", ambiguous: true },
  { name: "Ford", kind: "PRISON", prisonId: "FDI", ambiguous: true },
  { name: "Forest Bank", kind: "PRISON", prisonId: "FBI", ambiguous: true },
  // Register: active=false, but open since 2023 (EM Prison.kt lists it). Built on the Glen Parva site.
  { name: "Fosse Way", kind: "PRISON", prisonId: "FEI", ambiguous: true },
  { name: "Foston Hall", kind: "PRISON", prisonId: "FHI" },
  { name: "Frankland", kind: "PRISON", prisonId: "FKI" }, // also a surname; kept unambiguous as briefed
  { name: "Full Sutton", kind: "PRISON", prisonId: "FNI" },
  { name: "Garth", kind: "PRISON", prisonId: "GHI", ambiguous: true },
  { name: "Gartree", kind: "PRISON", prisonId: "GTI", ambiguous: true }, // Gartree Road, Leicester
  { name: "Grendon", kind: "PRISON", prisonId: "GNI", ambiguous: true, aliases: ["Grendon Underwood"] },
  { name: "Guys Marsh", kind: "PRISON", prisonId: "GMI", aliases: ["Guy's Marsh"] },
  { name: "Hatfield", kind: "PRISON", prisonId: "HDI", ambiguous: true, aliases: ["Hatfield Lakes"] },
  { name: "Haverigg", kind: "PRISON", prisonId: "HVI" },
  { name: "Hewell", kind: "PRISON", prisonId: "HEI" },
  { name: "High Down", kind: "PRISON", prisonId: "HOI", ambiguous: true },
  {
    name: "Highpoint",
    kind: "PRISON",
    prisonId: "HPI",
    ambiguous: true,
    aliases: ["Highpoint North", "Highpoint South"],
  },
  { name: "Hindley", kind: "PRISON", prisonId: "HII", ambiguous: true }, // town, surname
  { name: "Hollesley Bay", kind: "PRISON", prisonId: "HBI" },
  { name: "Holme House", kind: "PRISON", prisonId: "HHI", ambiguous: true },
  { name: "Hull", kind: "PRISON", prisonId: "HLI", ambiguous: true },
  { name: "Humber", kind: "PRISON", prisonId: "HMI", ambiguous: true },
  { name: "Huntercombe", kind: "PRISON", prisonId: "HCI", ambiguous: true }, // golf club, Priory hospitals
  { name: "Isis", kind: "PRISON", prisonId: "ISI", ambiguous: true },
  { name: "Isle of Wight", kind: "PRISON", prisonId: "IWI", ambiguous: true },
  { name: "Kirkham", kind: "PRISON", prisonId: "KMI", ambiguous: true },
  { name: "Kirklevington Grange", kind: "PRISON", prisonId: "KVI" },
  { name: "Lancaster Farms", kind: "PRISON", prisonId: "LFI" },
  { name: "Leeds", kind: "PRISON", prisonId: "LEI", ambiguous: true, aliases: ["Armley"] },
  { name: "Leicester", kind: "PRISON", prisonId: "LCI", ambiguous: true },
  { name: "Lewes", kind: "PRISON", prisonId: "LWI", ambiguous: true },
  { name: "Leyhill", kind: "PRISON", prisonId: "LYI" },
  { name: "Lincoln", kind: "PRISON", prisonId: "LII", ambiguous: true },
  { name: "Lindholme", kind: "PRISON", prisonId: "LHI" },
  { name: "Littlehey", kind: "PRISON", prisonId: "LTI" },
  { name: "Liverpool", kind: "PRISON", prisonId: "LPI", ambiguous: true, aliases: ["Walton"] },
  { name: "Long Lartin", kind: "PRISON", prisonId: "LLI" },
  { name: "Low Newton", kind: "PRISON", prisonId: "LNI", ambiguous: true }, // Low Newton-by-the-Sea
  { name: "Lowdham Grange", kind: "PRISON", prisonId: "LGI" },
  { name: "Maidstone", kind: "PRISON", prisonId: "MSI", ambiguous: true },
  { name: "Manchester", kind: "PRISON", prisonId: "MRI", ambiguous: true },
  { name: "Strangeways", kind: "PRISON", prisonId: "MRI" }, // historic/popular name of HMP Manchester
  // Opened 2025 next to Full Sutton. Found only in EM Prison.kt, not in the register migrations.
  { name: "Millsike", kind: "PRISON", prisonId: "MKI" },
  { name: "Moorland", kind: "PRISON", prisonId: "MDI", ambiguous: true },
  // An IRC from 2011 to c. 2021 (register type IRC), now a prison again.
  { name: "Morton Hall", kind: "PRISON", prisonId: "MHI", ambiguous: true },
  { name: "New Hall", kind: "PRISON", prisonId: "NHI", ambiguous: true },
  { name: "North Sea Camp", kind: "PRISON", prisonId: "NSI" },
  { name: "Northumberland", kind: "PRISON", prisonId: "NLI", ambiguous: true },
  { name: "Norwich", kind: "PRISON", prisonId: "NWI", ambiguous: true },
  { name: "Nottingham", kind: "PRISON", prisonId: "NMI", ambiguous: true },
  { name: "Oakwood", kind: "PRISON", prisonId: "OWI", ambiguous: true },
  { name: "Onley", kind: "PRISON", prisonId: "ONI", ambiguous: true }, // common misspelling of "only"
  {
    name: "Parc",
    kind: "PRISON",
    prisonId: "PRI",
    otherPrisonIds: ["PYI"],
    ambiguous: true,
    aliases: ["Carchar Parc"],
  }, // Welsh "park"
  { name: "Pentonville", kind: "PRISON", prisonId: "PVI", ambiguous: true }, // Pentonville Road, Islington
  { name: "Peterborough", kind: "PRISON", prisonId: "PBI", otherPrisonIds: ["PFI"], ambiguous: true },
  { name: "Portland", kind: "PRISON", prisonId: "PDI", ambiguous: true },
  { name: "Prescoed", kind: "PRISON", prisonId: "UPI", aliases: ["Carchar Prescoed"] },
  { name: "Preston", kind: "PRISON", prisonId: "PNI", ambiguous: true },
  { name: "Ranby", kind: "PRISON", prisonId: "RNI" },
  { name: "Risley", kind: "PRISON", prisonId: "RSI", ambiguous: true },
  { name: "Rochester", kind: "PRISON", prisonId: "RCI", ambiguous: true },
  { name: "Rye Hill", kind: "PRISON", prisonId: "RHI", ambiguous: true },
  { name: "Send", kind: "PRISON", prisonId: "SDI", ambiguous: true },
  { name: "Spring Hill", kind: "PRISON", prisonId: "SPI", ambiguous: true },
  { name: "Stafford", kind: "PRISON", prisonId: "SFI", ambiguous: true },
  { name: "Standford Hill", kind: "PRISON", prisonId: "EHI" },
  { name: "Stocken", kind: "PRISON", prisonId: "SKI" },
  { name: "Stoke Heath", kind: "PRISON", prisonId: "SHI", ambiguous: true }, // area of Coventry / Bromsgrove
  { name: "Styal", kind: "PRISON", prisonId: "STI", ambiguous: true }, // Quarry Bank / Styal Estate (National Trust)
  { name: "Sudbury", kind: "PRISON", prisonId: "SUI", ambiguous: true },
  { name: "Swaleside", kind: "PRISON", prisonId: "SLI" },
  { name: "Swansea", kind: "PRISON", prisonId: "SWI", ambiguous: true, aliases: ["Abertawe", "Carchar Abertawe"] },
  { name: "Swinfen Hall", kind: "PRISON", prisonId: "SNI" },
  { name: "Thameside", kind: "PRISON", prisonId: "TSI", ambiguous: true },
  { name: "The Mount", kind: "PRISON", prisonId: "MTI", ambiguous: true },
  { name: "The Verne", kind: "PRISON", prisonId: "VEI", ambiguous: true, aliases: ["Verne"] },
  { name: "Thorn Cross", kind: "PRISON", prisonId: "TCI", ambiguous: true },
  { name: "Usk", kind: "PRISON", prisonId: "UKI", ambiguous: true, aliases: ["Brynbuga", "Carchar Brynbuga"] },
  { name: "Wakefield", kind: "PRISON", prisonId: "WDI", ambiguous: true, aliases: ["Monster Mansion"] },
  { name: "Wandsworth", kind: "PRISON", prisonId: "WWI", ambiguous: true },
  { name: "Warren Hill", kind: "PRISON", prisonId: "WII", ambiguous: true },
  { name: "Wayland", kind: "PRISON", prisonId: "WLI", ambiguous: true },
  { name: "Wealstun", kind: "PRISON", prisonId: "WEI" },
  { name: "Werrington", kind: "YOI", prisonId: "WNI", ambiguous: true }, // suburb of Peterborough, Staffs village
  { name: "Wetherby", kind: "YOI", prisonId: "WYI", ambiguous: true },
  { name: "Whatton", kind: "PRISON", prisonId: "WTI" },
  { name: "Whitemoor", kind: "PRISON", prisonId: "WRI" }, // also a Nottingham area; kept unambiguous as briefed
  { name: "Winchester", kind: "PRISON", prisonId: "WCI", ambiguous: true },
  { name: "Woodhill", kind: "PRISON", prisonId: "WHI", ambiguous: true },
  { name: "Wormwood Scrubs", kind: "PRISON", prisonId: "WSI" }, // also the name of the adjoining common
  { name: "The Scrubs", kind: "PRISON", prisonId: "WSI", ambiguous: true, aliases: ["Scrubs"] },
  { name: "Wymott", kind: "PRISON", prisonId: "WMI" },

  // ---------------------------------------------------------------------------
  // Closed or merged prisons / YOIs (prison-register active=false)
  // ---------------------------------------------------------------------------
  { name: "Acklington", kind: "PRISON", prisonId: "AKI", closed: true }, // merged into HMP Northumberland
  { name: "Albany", kind: "PRISON", prisonId: "ALI", closed: true, ambiguous: true }, // site now part of HMP Isle of Wight
  { name: "Aldington", kind: "PRISON", prisonId: "ANI", closed: true, ambiguous: true },
  { name: "Ashwell", kind: "PRISON", prisonId: "AWI", closed: true, ambiguous: true },
  { name: "Blakenhurst", kind: "PRISON", prisonId: "BTI", closed: true }, // site now part of HMP Hewell
  { name: "Blantyre House", kind: "PRISON", prisonId: "BHI", closed: true },
  { name: "Blundeston", kind: "PRISON", prisonId: "BDI", closed: true },
  { name: "Brockhill", kind: "PRISON", prisonId: "BKI", closed: true, ambiguous: true }, // Hewell cluster
  { name: "Bullwood Hall", kind: "PRISON", prisonId: "BUI", closed: true },
  { name: "Camp Hill", kind: "PRISON", prisonId: "CHI", closed: true, ambiguous: true },
  { name: "Canterbury", kind: "PRISON", prisonId: "CYI", closed: true, ambiguous: true },
  { name: "Castington", kind: "YOI", prisonId: "CSI", closed: true }, // merged into HMP Northumberland
  { name: "Cleland", kind: "PRISON", prisonId: "CEI", closed: true, ambiguous: true }, // legacy register id; history unknown
  { name: "Colchester", kind: "YOI", prisonId: "CRI", closed: true, ambiguous: true },
  { name: "Dorchester", kind: "PRISON", prisonId: "DRI", closed: true, ambiguous: true },
  { name: "Edmunds Hill", kind: "PRISON", prisonId: "NEI", closed: true }, // now Highpoint North
  { name: "Everthorpe", kind: "PRISON", prisonId: "EVI", closed: true }, // merged into HMP Humber
  { name: "Finnamore", kind: "YOI", prisonId: "FII", closed: true, aliases: ["Finnamore Wood"] },
  { name: "Glen Parva", kind: "YOI", prisonId: "GPI", closed: true, ambiguous: true }, // site now HMP Fosse Way
  { name: "Gloucester", kind: "PRISON", prisonId: "GLI", closed: true, ambiguous: true },
  { name: "Hewell Grange", kind: "PRISON", prisonId: "HGI", closed: true },
  { name: "Holloway", kind: "PRISON", prisonId: "HYI", closed: true, ambiguous: true },
  { name: "Kennet", kind: "PRISON", prisonId: "KTI", closed: true, ambiguous: true }, // River Kennet / district
  { name: "Kingston", kind: "PRISON", prisonId: "PTI", closed: true, ambiguous: true }, // Portsmouth
  { name: "Lancaster Castle", kind: "PRISON", prisonId: "LAI", closed: true, ambiguous: true }, // tourist site
  { name: "Latchmere House", kind: "PRISON", prisonId: "LMI", closed: true },
  { name: "Northallerton", kind: "PRISON", prisonId: "NNI", closed: true, ambiguous: true },
  { name: "Northeye", kind: "PRISON", prisonId: "NOI", closed: true },
  { name: "Oxford", kind: "PRISON", prisonId: "OXI", closed: true, ambiguous: true },
  { name: "Parkhurst", kind: "PRISON", prisonId: "PKI", closed: true }, // site now part of HMP Isle of Wight
  { name: "Pucklechurch", kind: "PRISON", prisonId: "PCI", closed: true, ambiguous: true }, // former remand centre; village
  { name: "Reading", kind: "PRISON", prisonId: "RDI", closed: true, ambiguous: true, aliases: ["Reading Gaol"] },
  { name: "Rollestone", kind: "PRISON", prisonId: "RLI", closed: true },
  { name: "Rudgate", kind: "PRISON", prisonId: "RUI", closed: true }, // merged into HMP Wealstun
  { name: "Shepton Mallet", kind: "PRISON", prisonId: "SMI", closed: true, ambiguous: true },
  { name: "Shrewsbury", kind: "PRISON", prisonId: "SYI", closed: true, ambiguous: true },
  { name: "The Weare", kind: "PRISON", prisonId: "WAI", closed: true }, // prison ship, Portland
  { name: "Thorp Arch", kind: "PRISON", prisonId: "TAI", closed: true, ambiguous: true }, // merged into HMP Wealstun; village/trading estate
  { name: "Wellingborough", kind: "PRISON", prisonId: "WBI", closed: true, ambiguous: true }, // site now HMP Five Wells
  { name: "Wolds", kind: "PRISON", prisonId: "WOI", closed: true, ambiguous: true, aliases: ["The Wolds"] }, // merged into HMP Humber

  // ---------------------------------------------------------------------------
  // Secure training centres, secure schools, secure children's homes
  // ---------------------------------------------------------------------------
  { name: "Oakhill", kind: "SECURE_CHILDRENS", prisonId: "STC3", ambiguous: true }, // Oakhill STC, Milton Keynes
  { name: "Rainsbrook", kind: "SECURE_CHILDRENS", prisonId: "STC2", closed: true }, // STC, closed
  { name: "Medway", kind: "SECURE_CHILDRENS", prisonId: "MWI", closed: true, ambiguous: true }, // Medway STC, closed 2020
  // First secure school (Oasis Restore), opened c. 2024 on the former Medway STC site.
  { name: "Oasis Restore", kind: "SECURE_CHILDRENS", verified: false },
  // Former STC in Co. Durham, closed 2015. The site became Derwentside IRC.
  { name: "Hassockfield", kind: "SECURE_CHILDRENS", closed: true, verified: false },
  // Secure children's homes
  { name: "Adel Beck", kind: "SECURE_CHILDRENS", verified: false }, // Leeds
  { name: "Aycliffe", kind: "SECURE_CHILDRENS", ambiguous: true, aliases: ["Aycliffe Secure Centre"], verified: false }, // Newton Aycliffe town
  { name: "Barton Moss", kind: "SECURE_CHILDRENS", ambiguous: true, verified: false }, // Salford area
  { name: "Clayfields House", kind: "SECURE_CHILDRENS", verified: false }, // Nottingham
  { name: "Hillside", kind: "SECURE_CHILDRENS", ambiguous: true, verified: false }, // Neath, Wales
  { name: "Aldine House", kind: "SECURE_CHILDRENS", verified: false }, // Sheffield
  { name: "Lincolnshire Secure Unit", kind: "SECURE_CHILDRENS", verified: false }, // Sleaford
  { name: "Swanwick Lodge", kind: "SECURE_CHILDRENS", verified: false }, // Hampshire
  { name: "Vinney Green", kind: "SECURE_CHILDRENS", verified: false }, // Bristol / South Glos
  { name: "Kyloe House", kind: "SECURE_CHILDRENS", verified: false }, // Northumberland
  { name: "Clare Lodge", kind: "SECURE_CHILDRENS", verified: false }, // Peterborough
  { name: "Red Bank", kind: "SECURE_CHILDRENS", closed: true, ambiguous: true, verified: false }, // Newton-le-Willows

  // ---------------------------------------------------------------------------
  // Immigration removal centres
  // ---------------------------------------------------------------------------
  { name: "Dover", kind: "IRC", prisonId: "DVI", closed: true, ambiguous: true }, // Dover IRC (HMPS-run), closed 2015
  { name: "Haslar", kind: "IRC", prisonId: "HRI", closed: true, ambiguous: true }, // Gosport, HMPS-run; closed 2015 (reopening was planned)
  { name: "Campsfield House", kind: "IRC", prisonId: "CPI", closed: true, aliases: ["Campsfield"] }, // register type "hmYOI"; an IRC until 2019
  // Home Office IRCs (contracted, not run by HMPPS)
  { name: "Yarl's Wood", kind: "IRC", aliases: ["Yarls Wood", "Yarl’s Wood"], verified: false },
  { name: "Brook House", kind: "IRC", ambiguous: true, verified: false },
  { name: "Tinsley House", kind: "IRC", ambiguous: true, verified: false },
  { name: "Harmondsworth", kind: "IRC", ambiguous: true, verified: false }, // now part of Heathrow IRC
  { name: "Colnbrook", kind: "IRC", ambiguous: true, verified: false }, // now part of Heathrow IRC
  { name: "Heathrow", kind: "IRC", ambiguous: true, verified: false }, // "Heathrow IRC"
  { name: "Derwentside", kind: "IRC", ambiguous: true, verified: false }, // Co. Durham, women
  { name: "Oakington", kind: "IRC", closed: true, ambiguous: true, verified: false }, // Cambs, closed 2010

  // ---------------------------------------------------------------------------
  // High-secure hospitals (England only; Wales has none)
  // ---------------------------------------------------------------------------
  { name: "Broadmoor", kind: "HIGH_SECURE_HOSPITAL", aliases: ["Broadmoor Hospital"] },
  { name: "Rampton", kind: "HIGH_SECURE_HOSPITAL", aliases: ["Rampton Hospital", "Rampton Secure Hospital"] },
  // Ashworth is also a surname; kept unambiguous as briefed.
  { name: "Ashworth", kind: "HIGH_SECURE_HOSPITAL", aliases: ["Ashworth Hospital"] },

  // ---------------------------------------------------------------------------
  // Medium-secure (and a few large independent secure) units. All unverified.
  // ---------------------------------------------------------------------------
  { name: "Reaside Clinic", kind: "SECURE_HOSPITAL", aliases: ["Reaside"], verified: false }, // Birmingham
  { name: "Tamarind Centre", kind: "SECURE_HOSPITAL", verified: false }, // Birmingham
  { name: "Ardenleigh", kind: "SECURE_HOSPITAL", verified: false }, // Birmingham (women / adolescents)
  { name: "Hatherton Centre", kind: "SECURE_HOSPITAL", verified: false }, // Stafford
  { name: "Arnold Lodge", kind: "SECURE_HOSPITAL", verified: false }, // Leicester
  { name: "Wathwood", kind: "SECURE_HOSPITAL", aliases: ["Wathwood Hospital"], verified: false }, // Rotherham
  { name: "Newton Lodge", kind: "SECURE_HOSPITAL", ambiguous: true, verified: false }, // Wakefield
  { name: "Humber Centre", kind: "SECURE_HOSPITAL", ambiguous: true, verified: false }, // Hull
  { name: "Stockton Hall", kind: "SECURE_HOSPITAL", ambiguous: true, verified: false }, // York (Priory)
  { name: "Roseberry Park", kind: "SECURE_HOSPITAL", ambiguous: true, verified: false }, // Middlesbrough
  { name: "Bamburgh Clinic", kind: "SECURE_HOSPITAL", verified: false }, // Newcastle
  { name: "Guild Lodge", kind: "SECURE_HOSPITAL", verified: false }, // Preston
  { name: "Edenfield Centre", kind: "SECURE_HOSPITAL", aliases: ["The Edenfield Centre"], verified: false }, // Prestwich
  { name: "Scott Clinic", kind: "SECURE_HOSPITAL", ambiguous: true, verified: false }, // St Helens
  { name: "Calderstones", kind: "SECURE_HOSPITAL", closed: true, ambiguous: true, verified: false }, // Whalley; Calderstones Park, Liverpool
  { name: "Norvic Clinic", kind: "SECURE_HOSPITAL", verified: false }, // Norwich
  { name: "Brockfield House", kind: "SECURE_HOSPITAL", verified: false }, // Wickford, Essex
  { name: "Kneesworth House", kind: "SECURE_HOSPITAL", verified: false }, // Royston
  {
    name: "St Andrew's Healthcare",
    kind: "SECURE_HOSPITAL",
    ambiguous: true,
    aliases: ["St Andrew's Hospital", "St Andrews Hospital"],
    verified: false,
  }, // Northampton
  { name: "Chadwick Lodge", kind: "SECURE_HOSPITAL", verified: false }, // Milton Keynes
  { name: "Oxford Clinic", kind: "SECURE_HOSPITAL", ambiguous: true, verified: false }, // Littlemore
  { name: "Thornford Park", kind: "SECURE_HOSPITAL", verified: false }, // Thatcham
  { name: "John Howard Centre", kind: "SECURE_HOSPITAL", ambiguous: true, verified: false }, // Hackney
  { name: "Camlet Lodge", kind: "SECURE_HOSPITAL", verified: false }, // Enfield
  { name: "Three Bridges", kind: "SECURE_HOSPITAL", ambiguous: true, verified: false }, // Ealing (also a Crawley district)
  { name: "Shaftesbury Clinic", kind: "SECURE_HOSPITAL", ambiguous: true, verified: false }, // Tooting
  { name: "Denis Hill Unit", kind: "SECURE_HOSPITAL", verified: false }, // Bethlem Royal Hospital
  { name: "River House", kind: "SECURE_HOSPITAL", ambiguous: true, verified: false }, // Bethlem Royal Hospital
  { name: "Bracton Centre", kind: "SECURE_HOSPITAL", verified: false }, // Dartford
  { name: "Trevor Gibbens Unit", kind: "SECURE_HOSPITAL", verified: false }, // Maidstone
  { name: "Hellingly Centre", kind: "SECURE_HOSPITAL", verified: false }, // East Sussex
  { name: "Ravenswood House", kind: "SECURE_HOSPITAL", ambiguous: true, verified: false }, // Fareham
  { name: "Fromeside", kind: "SECURE_HOSPITAL", verified: false }, // Bristol
  { name: "Langdon Hospital", kind: "SECURE_HOSPITAL", verified: false }, // Dawlish
  { name: "Caswell Clinic", kind: "SECURE_HOSPITAL", verified: false }, // Bridgend, Wales
  { name: "Ty Llywelyn", kind: "SECURE_HOSPITAL", aliases: ["Tŷ Llywelyn"], verified: false }, // Llanfairfechan, Wales
  { name: "Llanarth Court", kind: "SECURE_HOSPITAL", verified: false }, // Raglan, Wales
];
