import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * An element of a parsed XML document with its namespace resolved: local name, namespace URI, child elements in
 * document order and its text (the concatenated text nodes, trimmed).
 */
export interface XmlElement {
  readonly name: string;
  readonly namespace: string | undefined;
  readonly children: readonly XmlElement[];
  readonly text: string;
}

export const XML_LIMITS = {
  /** A single iJw message is a few kilobytes; a megabyte is more than any real one. */
  maxBytes: 1_000_000,
  /** The deepest iJw 3.2 message (a JW301 relation's address) is about 8 levels deep. */
  maxDepth: 24,
} as const;

export type XmlReadResult =
  | { readonly ok: true; readonly root: XmlElement }
  | { readonly ok: false; readonly message: string };

/**
 * Reads a document safely: refuses a DTD or entity declaration before any parsing (no external entity is ever
 * resolved, no entity expands: XXE and billion laughs die here), refuses what is not UTF-8 or too large or too deep,
 * checks well-formedness with fast-xml-parser's validator and parses with entity processing off.
 */
export function readXml(input: string | Uint8Array): XmlReadResult {
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    if (input.byteLength > XML_LIMITS.maxBytes) return tooLarge();
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      return { ok: false, message: 'the message is not UTF-8 text' };
    }
  }
  if (Buffer.byteLength(text, 'utf8') > XML_LIMITS.maxBytes) return tooLarge();
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    return { ok: false, message: 'a DOCTYPE or ENTITY declaration is not allowed' };
  }
  if (text.trim() === '') return { ok: false, message: 'the message is empty' };
  const depth = maxDepth(text);
  if (depth > XML_LIMITS.maxDepth) {
    return { ok: false, message: `elements are nested deeper than ${XML_LIMITS.maxDepth} levels` };
  }
  let valid: ReturnType<typeof XMLValidator.validate>;
  try {
    valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
  } catch {
    return { ok: false, message: 'the message is not well-formed XML' };
  }
  if (valid !== true) {
    return {
      ok: false,
      message: `the message is not well-formed XML (line ${valid.err.line}, column ${valid.err.col})`,
    };
  }
  let ordered: unknown;
  try {
    ordered = parser.parse(text);
  } catch {
    return { ok: false, message: 'the message is not well-formed XML' };
  }
  const roots = toElements(ordered, new Map());
  if (roots.length !== 1 || !roots[0]) {
    return { ok: false, message: 'the message must have exactly one root element' };
  }
  return { ok: true, root: roots[0] };
}

function tooLarge(): XmlReadResult {
  return { ok: false, message: `the message is larger than ${XML_LIMITS.maxBytes} bytes` };
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: false,
  cdataPropName: false,
  maxNestedTags: XML_LIMITS.maxDepth + 1,
});

/** The depth of the deepest element, by a linear scan of the tags (before any recursive parse). */
function maxDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  const tags = /<(\/?)([^\s>/!?]*)[^>]*?(\/?)>/g;
  for (let match = tags.exec(text); match; match = tags.exec(text)) {
    if (match[1] === '/') depth -= 1;
    else if (match[2] && match[3] !== '/') {
      depth += 1;
      if (depth > deepest) deepest = depth;
    }
  }
  return deepest;
}

type Namespaces = ReadonlyMap<string, string>;

/** fast-xml-parser's ordered output (`[{ tag: [...children], ':@': { attributes } }, { '#text': … }]`) → elements. */
function toElements(nodes: unknown, inScope: Namespaces): XmlElement[] {
  if (!Array.isArray(nodes)) return [];
  const elements: XmlElement[] = [];
  for (const node of nodes as unknown[]) {
    if (typeof node !== 'object' || node === null) continue;
    const entries = Object.entries(node as Record<string, unknown>);
    const attributes = (node as Record<string, unknown>)[':@'];
    for (const [key, value] of entries) {
      if (key === ':@' || key === '#text') continue;
      const namespaces = declared(attributes, inScope);
      const colon = key.indexOf(':');
      const prefix = colon >= 0 ? key.slice(0, colon) : '';
      const name = colon >= 0 ? key.slice(colon + 1) : key;
      const children = toElements(value, namespaces);
      elements.push({ name, namespace: namespaces.get(prefix), children, text: textOf(value) });
    }
  }
  return elements;
}

function declared(attributes: unknown, inScope: Namespaces): Namespaces {
  if (typeof attributes !== 'object' || attributes === null) return inScope;
  let namespaces: Map<string, string> | undefined;
  for (const [name, value] of Object.entries(attributes as Record<string, unknown>)) {
    if (typeof value !== 'string') continue;
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      namespaces ??= new Map(inScope);
      namespaces.set(name === 'xmlns' ? '' : name.slice(6), value);
    }
  }
  return namespaces ?? inScope;
}

function textOf(value: unknown): string {
  if (!Array.isArray(value)) return '';
  let text = '';
  for (const node of value as unknown[]) {
    if (typeof node === 'object' && node !== null && '#text' in node) {
      const part = (node as Record<string, unknown>)['#text'];
      if (typeof part === 'string' || typeof part === 'number') text += String(part);
    }
  }
  return text.trim();
}
