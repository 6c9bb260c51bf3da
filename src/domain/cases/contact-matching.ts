// How two contacts' details are compared: written the same way whatever the spacing, case or
// accents, so "Ann-Marie O'Neill" matches "ann marie oneill" and "+44 7700 900123" "07700900123".
// Exact matching only: these feed keyed blind indexes, never a fuzzy search over decrypted data.

export function normaliseName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’`]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function normalisePhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  return digits.startsWith("44") ? `0${digits.slice(2)}` : digits;
}

export function normalisePostcode(postcode: string): string {
  return postcode.replace(/\s+/g, "").toUpperCase();
}
