// An offender's name as the words a search matches, whole words in any order. The SQL and the
// TypeScript split alike (lower case, apostrophes dropped, anything but a-z and 0-9 separates), and
// the SQL is exactly the expression of the GIN index idx_offender_name_words, so a search uses it.

export const OFFENDER_NAME_WORDS_SQL = `regexp_split_to_array(lower(translate("name", '''’\`', '')), '[^a-z0-9]+')`;

export function offenderNameWords(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/['’`]/g, "")
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}
