/**
 * A NUL character, or a surrogate without its pair. PostgreSQL's `text` and `jsonb` cannot hold either (a NUL is
 * refused, a lone surrogate is not UTF-8), so a value holding one would fail in whichever table it reaches first —
 * often a read model, long after the event was accepted. With the `u` flag a pair is one astral code point and
 * does not match `\p{Cs}`; only an unpaired half does.
 */
// eslint-disable-next-line no-control-regex -- the NUL character is exactly what this looks for
const UNSTORABLE = /[\u0000\p{Cs}]/u;

/** Whether a string can be stored as text: no NUL character, no lone surrogate. */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** Deepest nesting of objects and arrays accepted from outside (a body, a token): far beyond any real request. */
export const MAX_JSON_DEPTH = 64;

/** What makes a parsed JSON value unfit to be let in, and where: `members[1].displayName` (`''` is the root). */
export type JsonTextProblem =
  | { readonly kind: 'unstorable-value'; readonly path: string }
  /** A field name that cannot be stored; `path` names the object holding it. */
  | { readonly kind: 'unstorable-key'; readonly path: string }
  /** Nested deeper than the limit; `path` names where the limit was crossed. Reported alone. */
  | { readonly kind: 'too-deep'; readonly path: string };

/**
 * Walks a parsed JSON value (iteratively: a value nested thousands deep cannot overflow the stack here) and lists
 * every string and field name that cannot be stored, at most `maxProblems` of them; or, when the value is nested
 * deeper than `maxDepth`, only that.
 */
export function findUnstorableJson(
  value: unknown,
  { maxDepth = MAX_JSON_DEPTH, maxProblems = 20 } = {},
): JsonTextProblem[] {
  const problems: JsonTextProblem[] = [];
  const pending: { value: unknown; path: string; depth: number }[] = [
    { value, path: '', depth: 0 },
  ];
  while (pending.length > 0 && problems.length < maxProblems) {
    const item = pending.pop()!;
    if (typeof item.value === 'string') {
      if (!isStorableText(item.value)) problems.push({ kind: 'unstorable-value', path: item.path });
      continue;
    }
    if (typeof item.value !== 'object' || item.value === null) continue;
    const depth = item.depth + 1;
    if (depth > maxDepth) return [{ kind: 'too-deep', path: item.path }];
    const children: { value: unknown; path: string; depth: number }[] = [];
    if (Array.isArray(item.value)) {
      item.value.forEach((element, i) =>
        children.push({ value: element, path: `${item.path}[${i}]`, depth }),
      );
    } else {
      for (const [key, inner] of Object.entries(item.value)) {
        if (!isStorableText(key)) {
          problems.push({ kind: 'unstorable-key', path: item.path });
          continue;
        }
        children.push({ value: inner, path: item.path ? `${item.path}.${key}` : key, depth });
      }
    }
    // Reversed onto the stack, so that problems are listed in the order the fields appear.
    for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]!);
  }
  return problems;
}
