/** Opaque page cursors: the sort key of the last item of a page, as base64url JSON. */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Decodes a cursor of `length` parts; throws InvalidCursorError on anything this server did not hand out. */
export function decodeCursor(cursor: string, length: number): string[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === length &&
      key.every((part) => typeof part === 'string')
    ) {
      return key;
    }
  } catch {
    // falls through to the error
  }
  throw new InvalidCursorError();
}

export class InvalidCursorError extends Error {
  constructor() {
    super('cursor is not one this server handed out');
    this.name = 'InvalidCursorError';
  }
}
