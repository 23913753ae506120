import { isValidBsn } from '@samenspoor/domain';
import {
  IJW_BASIS_NAMESPACE,
  IJW_END_REASONS,
  IJW_MESSAGE_CODES,
  IJW_MESSAGE_TYPES,
  ijwMessageNamespace,
  type AllocatedProduct,
  type IjwClient,
  type IjwDeliveryStatus,
  type IjwFieldError,
  type IjwHeader,
  type IjwMessage,
  type IjwMessageType,
  type IjwParseResult,
  type IjwProduct,
  type RequestedProduct,
  type StartedProduct,
  type StoppedProduct,
} from './ijw-message';
import { readXml, type XmlElement } from './xml-tree';

/**
 * Parses one iJw 3.2 message (JW315, JW301, JW305 or JW307) and checks it against the structure of the published
 * XSDs of release 3.2, written here from their documentation: the namespaces (the message's own for its classes,
 * the basisschema's for the children of its data types), `BerichtCode`, `BerichtVersie` 3 and `BerichtSubversie`
 * 2, every element's cardinality and order, no unknown elements, and the formats of the values the engine relies on
 * (AGB code, municipality code, dates that exist, the BSN's elfproef, codes from the code lists, number ranges).
 * Every error names the element path. Classes that hold only personal data the engine does not use (`Naam`,
 * `Contactgegevens`, `Relaties`, `Verwijzer`, …) are required where the XSD requires them but not looked into,
 * and their content never reaches an error message.
 */
export function parseIjwMessage(input: string | Uint8Array): IjwParseResult {
  const read = readXml(input);
  if (!read.ok) return { ok: false, errors: [{ field: 'Bericht', message: read.message }] };
  const { root } = read;
  const type = IJW_MESSAGE_TYPES.find((t) => ijwMessageNamespace(t) === root.namespace);
  if (!type) {
    return {
      ok: false,
      errors: [
        {
          field: root.name === 'Bericht' ? 'Bericht' : 'Bericht (root element)',
          message: `the root element must be Bericht in the namespace of JW315, JW301, JW305 or JW307 of iJw 3.2 (${ijwMessageNamespace('JW315')}, …)`,
        },
      ],
    };
  }
  const errors: IjwFieldError[] = [];
  if (root.name !== 'Bericht') {
    errors.push({ field: root.name, message: 'the root element must be Bericht' });
    return { ok: false, errors };
  }
  const check = new Checker(type, errors);
  const message = check.message(root);
  if (errors.length > 0 || !message) return { ok: false, errors };
  return { ok: true, message };
}

type Space = 'message' | 'basis';
type Format = (value: string) => string | undefined;

/** An element of a class: its name, namespace, cardinality, and either a format (a value) or a class (children). */
interface Slot {
  readonly name: string;
  readonly min: 0 | 1;
  readonly max: 1 | 'n';
  readonly space: Space;
  readonly format?: Format;
  readonly children?: readonly Slot[];
  /** Present but not looked into (personal data the engine does not use). */
  readonly opaque?: boolean;
}

const one = (name: string, format: Format, space: Space = 'message'): Slot => ({
  name,
  min: 1,
  max: 1,
  space,
  format,
});
const optional = (name: string, format: Format, space: Space = 'message'): Slot => ({
  name,
  min: 0,
  max: 1,
  space,
  format,
});
const group = (
  name: string,
  children: readonly Slot[],
  min: 0 | 1 = 1,
  max: 1 | 'n' = 1,
  space: Space = 'message',
): Slot => ({ name, min, max, space, children });
const opaque = (name: string, min: 0 | 1 = 1): Slot => ({
  name,
  min,
  max: 1,
  space: 'message',
  opaque: true,
});

// Formats of the basisschema's logical data types (LDT_…).
const digits =
  (count: number, what: string): Format =>
  (v) =>
    new RegExp(`^\\d{${count}}$`).test(v) ? undefined : `must be ${what} (${count} digits)`;
const agbCode = digits(8, 'an AGB code');
const municipalityCode = digits(4, 'a municipality code');
const oneOf =
  (values: readonly string[]): Format =>
  (v) =>
    values.includes(v) ? undefined : `must be one of ${values.join(', ')}`;
const date: Format = (v) => (isRealDate(v) ? undefined : 'must be a date that exists (YYYY-MM-DD)');
const time: Format = (v) =>
  /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/.test(v) ? undefined : 'must be a time (hh:mm:ss)';
const text =
  (maxLength: number): Format =>
  (v) =>
    v.length >= 1 && v.length <= maxLength && /^[\x20-\x7e\u00a0-\uffff]*$/.test(v)
      ? undefined
      : `must be text of 1 to ${maxLength} characters`;
const integer =
  (min: number, max: number): Format =>
  (v) =>
    /^\d{1,10}$/.test(v) && Number(v) >= min && Number(v) <= max
      ? undefined
      : `must be a whole number from ${min} to ${max}`;
const bsn: Format = (v) =>
  isValidBsn(v) ? undefined : 'must be a BSN of 9 digits that passes the elfproef';
const version = (expected: string): Format => oneOf([expected]);
const allocationNumber = integer(1, 99_999_999);
const anything: Format = () => undefined;
const productCategory = digits(2, 'a product category');
const productCode: Format = (v) =>
  /^[0-9A-Z]{5}$/.test(v) ? undefined : 'must be a product code (5 digits or capitals)';

const productSlot = group(
  'Product',
  [one('Categorie', productCategory, 'basis'), optional('Code', productCode, 'basis')],
  0,
);
const volumeSlot = group(
  'Omvang',
  [
    one('Volume', integer(1, 99_999_999), 'basis'),
    one('Eenheid', oneOf(['01', '04', '14', '16', '82', '83', '84']), 'basis'),
    one('Frequentie', oneOf(['1', '2', '4', '6']), 'basis'),
  ],
  0,
);
const statusSlot = one('StatusAanlevering', oneOf(['1', '2', '3']));

function header(type: IjwMessageType): Slot {
  const fromMunicipality = type === 'JW301';
  return group('Header', [
    one('BerichtCode', version(IJW_MESSAGE_CODES[type])),
    one('BerichtVersie', version('3')),
    one('BerichtSubversie', version('2')),
    one('Afzender', fromMunicipality ? municipalityCode : agbCode),
    one('Ontvanger', fromMunicipality ? agbCode : municipalityCode),
    group('BerichtIdentificatie', [
      one('Identificatie', text(20), 'basis'),
      one('Dagtekening', date, 'basis'),
    ]),
    group('XsdVersie', [
      one('BasisschemaXsdVersie', text(10), 'basis'),
      one('BerichtXsdVersie', text(10), 'basis'),
    ]),
  ]);
}

const clientStart: readonly Slot[] = [
  one('Bsn', bsn),
  group('Geboortedatum', [
    one('Datum', date, 'basis'),
    optional('DatumGebruik', oneOf(['1', '2', '3']), 'basis'),
  ]),
  one('Geslacht', oneOf(['0', '1', '2'])),
  opaque('Naam'),
];

const CLIENT: Readonly<Record<IjwMessageType, readonly Slot[]>> = {
  JW315: [
    ...clientStart,
    optional('GezagsdragerBekend', oneOf(['1', '2'])),
    opaque('Commentaar', 0),
    group('AangevraagdeProducten', [
      group(
        'AangevraagdProduct',
        [
          one('ReferentieAanbieder', text(15)),
          optional('BeschikkingNummer', allocationNumber),
          productSlot,
          optional('BeschikkingIngangsdatum', date),
          one('ToewijzingIngangsdatum', date),
          optional('ToewijzingEinddatum', date),
          volumeSlot,
          optional('Budget', integer(0, 99_999_999)),
          opaque('Verwijzer'),
          optional('Raamcontract', oneOf(['1', '2'])),
          opaque('Commentaar', 0),
        ],
        1,
        'n',
      ),
    ]),
  ],
  JW301: [
    ...clientStart,
    opaque('Communicatie', 0),
    optional('JuridischeStatus', anything),
    optional('WettelijkeVertegenwoordiging', anything),
    opaque('Commentaar', 0),
    opaque('Relaties', 0),
    opaque('Contactgegevens'),
    group('ToegewezenProducten', [
      group(
        'ToegewezenProduct',
        [
          one('ToewijzingNummer', allocationNumber),
          optional('ReferentieAanbieder', text(15)),
          productSlot,
          one('Toewijzingsdatum', date),
          one('Toewijzingstijd', time),
          one('Ingangsdatum', date),
          optional('Einddatum', date),
          optional('RedenWijziging', digits(2, 'a reason of change')),
          volumeSlot,
          optional('Budget', integer(0, 99_999_999)),
          opaque('Commentaar', 0),
        ],
        1,
        'n',
      ),
    ]),
  ],
  JW305: [
    ...clientStart,
    group('StartProducten', [
      group(
        'StartProduct',
        [
          optional('ToewijzingNummer', allocationNumber),
          productSlot,
          optional('ToewijzingIngangsdatum', date),
          one('Begindatum', date),
          statusSlot,
        ],
        1,
        'n',
      ),
    ]),
  ],
  JW307: [
    ...clientStart,
    group('StopProducten', [
      group(
        'StopProduct',
        [
          optional('ToewijzingNummer', allocationNumber),
          productSlot,
          optional('ToewijzingIngangsdatum', date),
          one('Begindatum', date),
          one('RedenBeeindiging', oneOf(Object.keys(IJW_END_REASONS))),
          one('Einddatum', date),
          statusSlot,
        ],
        1,
        'n',
      ),
    ]),
  ],
};

/** Values of a checked class, by element name (a repeated element's entries in order). */
interface Checked {
  readonly values: ReadonlyMap<string, string>;
  readonly groups: ReadonlyMap<string, readonly Checked[]>;
  readonly path: string;
}

class Checker {
  constructor(
    private readonly type: IjwMessageType,
    private readonly errors: IjwFieldError[],
  ) {}

  message(root: XmlElement): IjwMessage | undefined {
    const checked = this.check(
      root,
      [header(this.type), group('Client', CLIENT[this.type])],
      'Bericht',
    );
    const head = checked.groups.get('Header')?.[0];
    const client = checked.groups.get('Client')?.[0];
    if (!head || !client || this.errors.length > 0) return undefined;
    const id = head.groups.get('BerichtIdentificatie')?.[0];
    const headerValue: IjwHeader = {
      sender: head.values.get('Afzender') ?? '',
      receiver: head.values.get('Ontvanger') ?? '',
      messageId: id?.values.get('Identificatie') ?? '',
      sentOn: id?.values.get('Dagtekening') ?? '',
    };
    const clientValue: IjwClient = { bsn: client.values.get('Bsn') ?? '' };
    const base = { header: headerValue, client: clientValue };
    const [list, item] = PRODUCTS[this.type];
    const products = entries(client, list, item);
    switch (this.type) {
      case 'JW315':
        return { type: 'JW315', ...base, products: products.map((p) => this.requested(p)) };
      case 'JW301':
        return { type: 'JW301', ...base, products: products.map((p) => this.allocated(p)) };
      case 'JW305':
        return { type: 'JW305', ...base, products: products.map((p) => this.started(p)) };
      case 'JW307':
        return { type: 'JW307', ...base, products: products.map((p) => this.stopped(p)) };
      default: {
        const never: never = this.type;
        return never;
      }
    }
  }

  private requested(p: Checked): RequestedProduct {
    const { from, until } = this.period(p, 'ToewijzingIngangsdatum', 'ToewijzingEinddatum');
    return defined({
      reference: p.values.get('ReferentieAanbieder') ?? '',
      product: product(p),
      from,
      until,
    });
  }

  private allocated(p: Checked): AllocatedProduct {
    const { from, until } = this.period(p, 'Ingangsdatum', 'Einddatum');
    return defined({
      allocationNumber: p.values.get('ToewijzingNummer') ?? '',
      reference: p.values.get('ReferentieAanbieder'),
      product: product(p),
      allocatedOn: p.values.get('Toewijzingsdatum') ?? '',
      from,
      until,
    });
  }

  private started(p: Checked): StartedProduct {
    if (!p.values.has('ToewijzingNummer') && !p.groups.has('Product')) {
      this.errors.push({
        field: `${p.path}/ToewijzingNummer`,
        message: 'is required when the message names no Product',
      });
    }
    return defined({
      allocationNumber: p.values.get('ToewijzingNummer'),
      product: product(p),
      allocatedFrom: p.values.get('ToewijzingIngangsdatum'),
      startedOn: p.values.get('Begindatum') ?? '',
      status: (p.values.get('StatusAanlevering') ?? '1') as IjwDeliveryStatus,
    });
  }

  private stopped(p: Checked): StoppedProduct {
    const started = this.started(p);
    const endedOn = p.values.get('Einddatum') ?? '';
    this.notBefore(p, 'Einddatum', endedOn, started.startedOn);
    return { ...started, endReason: p.values.get('RedenBeeindiging') ?? '', endedOn };
  }

  /** A product's period: from the date `fromName`, until the date `untilName` (if any), not before it. */
  private period(p: Checked, fromName: string, untilName: string) {
    const from = p.values.get(fromName) ?? '';
    const until = p.values.get(untilName);
    this.notBefore(p, untilName, until, from);
    return { from, until };
  }

  private notBefore(p: Checked, name: string, value: string | undefined, from: string): void {
    if (value !== undefined && from !== '' && value < from) {
      this.errors.push({ field: `${p.path}/${name}`, message: `must not be before ${from}` });
    }
  }

  /** Checks an element's children against its slots: namespaces, unknown names, order, cardinality, formats. */
  private check(element: XmlElement, slots: readonly Slot[], path: string): Checked {
    const values = new Map<string, string>();
    const groups = new Map<string, Checked[]>();
    const counts = new Map<string, number>();
    let lastSlot = -1;
    for (const child of element.children) {
      const index = slots.findIndex((s) => s.name === child.name);
      const slot = slots[index];
      const count = (counts.get(child.name) ?? 0) + 1;
      const childPath =
        slot?.max === 'n' ? `${path}/${child.name}[${count}]` : `${path}/${child.name}`;
      if (!slot) {
        this.errors.push({ field: childPath, message: 'is not an element of iJw 3.2 here' });
        continue;
      }
      counts.set(child.name, count);
      const expected =
        slot.space === 'basis' ? IJW_BASIS_NAMESPACE : ijwMessageNamespace(this.type);
      if (child.namespace !== expected) {
        this.errors.push({ field: childPath, message: `must be in the namespace ${expected}` });
      }
      if (index < lastSlot) {
        this.errors.push({ field: childPath, message: 'is out of the order iJw 3.2 prescribes' });
      }
      lastSlot = index;
      if (slot.max === 1 && count > 1) {
        this.errors.push({ field: childPath, message: 'may occur only once' });
        continue;
      }
      if (slot.opaque) continue;
      if (slot.children) {
        const list = groups.get(child.name) ?? [];
        list.push(this.check(child, slot.children, childPath));
        groups.set(child.name, list);
      } else if (slot.format) {
        if (child.children.length > 0) {
          this.errors.push({ field: childPath, message: 'must hold a value, not elements' });
          continue;
        }
        const problem = slot.format(child.text);
        if (problem) this.errors.push({ field: childPath, message: problem });
        else values.set(child.name, child.text);
      }
    }
    for (const slot of slots) {
      if (slot.min === 1 && !counts.has(slot.name)) {
        this.errors.push({ field: `${path}/${slot.name}`, message: 'is required' });
      }
    }
    return { values, groups, path };
  }
}

/** The group of a message's products, and the element of one product in it. */
const PRODUCTS: Readonly<Record<IjwMessageType, readonly [list: string, item: string]>> = {
  JW315: ['AangevraagdeProducten', 'AangevraagdProduct'],
  JW301: ['ToegewezenProducten', 'ToegewezenProduct'],
  JW305: ['StartProducten', 'StartProduct'],
  JW307: ['StopProducten', 'StopProduct'],
};

function entries(client: Checked, list: string, item: string): readonly Checked[] {
  return client.groups.get(list)?.[0]?.groups.get(item) ?? [];
}

function product(p: Checked): IjwProduct | undefined {
  const found = p.groups.get('Product')?.[0];
  const category = found?.values.get('Categorie');
  if (!found || category === undefined) return undefined;
  const code = found.values.get('Code');
  return code === undefined ? { category } : { category, code };
}

/** A date of the proleptic Gregorian calendar that exists (no 30 February), written YYYY-MM-DD, no time zone. */
export function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
