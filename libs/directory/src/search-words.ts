/**
 * The words of a name as the directory searches them: letters and digits only, lower case, accents dropped
 * ("Özdemir-Jansen" → `ozdemir`, `jansen`), so that a search ignores case and diacritics.
 */
export function searchWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}
