export enum ContactRole {
  VICTIM = "VICTIM",
  PARENT_GUARDIAN = "PARENT_GUARDIAN",
  CARER = "CARER",
  NEXT_OF_KIN = "NEXT_OF_KIN",
  REPRESENTATIVE = "REPRESENTATIVE",
}

export enum ContactChannel {
  LETTER = "LETTER",
  PHONE = "PHONE",
  EMAIL = "EMAIL",
}

export enum InformationLevel {
  RELEASE_MONTH_ONLY = "RELEASE_MONTH_ONLY",
  ANNUAL_LETTER = "ANNUAL_LETTER",
  KEY_STAGES = "KEY_STAGES",
}

/** The personal fields of a contact that updateCaseContact can clear (the name can only be replaced). */
export enum ClearableContactField {
  DATE_OF_BIRTH = "dateOfBirth",
  EMAIL = "email",
  PHONE = "phone",
  ADDRESS = "address",
  NEEDS = "needs",
}
