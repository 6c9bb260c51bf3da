// When a child victim becomes an adult, who then hears from the scheme directly (domain.md R19).

const AGE_OF_MAJORITY = 18;

/**
 * The day a person born on `dateOfBirth` turns 18. Eighteen years after a leap year is never one,
 * so someone born on 29 February comes of age on 1 March (on 28 February the anniversary has not
 * yet come).
 */
export function comesOfAgeOn(dateOfBirth: string): string {
  const year = Number(dateOfBirth.slice(0, 4)) + AGE_OF_MAJORITY;
  return dateOfBirth.slice(5) === "02-29" ? `${year}-03-01` : `${year}${dateOfBirth.slice(4)}`;
}
