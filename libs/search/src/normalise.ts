/** The shortest prefix of a name word that is indexed and may be searched for. */
export const MIN_PREFIX = 3;

/** The longest name word indexed: longer words are indexed (and searched) by their first this many letters. */
export const MAX_WORD = 40;

/**
 * A value as the index compares it: lower case, diacritics stripped (é → e, ï → i), ligatures and compatibility
 * forms folded (NFKD), and anything but letters and digits turned into a space.
 */
export function normalise(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The words of a name as the index keeps them: normalised, without duplicates, at most {@link MAX_WORD} long. */
export function nameWords(name: string): string[] {
  const words = normalise(name)
    .split(' ')
    .filter((word) => word.length > 0)
    .map((word) => [...word].slice(0, MAX_WORD).join(''));
  return [...new Set(words)];
}

/** The prefixes of a word that are indexed: from {@link MIN_PREFIX} letters to the whole word. */
export function prefixes(word: string): string[] {
  const letters = [...word];
  const found: string[] = [];
  for (let length = MIN_PREFIX; length <= letters.length; length++)
    found.push(letters.slice(0, length).join(''));
  return found;
}

/** The whole name, normalised, as compared for a possible duplicate. */
export function wholeName(name: string): string {
  return nameWords(name).join(' ');
}
