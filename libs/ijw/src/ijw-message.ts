/**
 * The four iJw 3.2 messages (Jeugdwet message standard, iStandaarden release 3.2) that Samenspoor reads, as typed
 * values after parsing: JW315 request for allocation (verzoek om toewijzing), JW301 allocation (toewijzing), JW305
 * start of care (start zorg) and JW307 end of care (stop zorg). Only what the engine uses is kept; names,
 * addresses and free texts of the message are checked for presence but never read into these values.
 */

export const IJW_MESSAGE_TYPES = ['JW315', 'JW301', 'JW305', 'JW307'] as const;
export type IjwMessageType = (typeof IJW_MESSAGE_TYPES)[number];

/** `BerichtCode` of each message (codelist COD002-VEKT). */
export const IJW_MESSAGE_CODES: Readonly<Record<IjwMessageType, string>> = {
  JW315: '446',
  JW301: '436',
  JW305: '438',
  JW307: '440',
};

export const IJW_BASIS_NAMESPACE = 'http://www.istandaarden.nl/ijw/3_2/basisschema/schema';

export function ijwMessageNamespace(type: IjwMessageType): string {
  return `http://www.istandaarden.nl/ijw/3_2/${type.toLowerCase()}/schema`;
}

/** Who sent and received the message: a provider's AGB code (8 digits) or a municipality's code (4 digits). */
export interface IjwHeader {
  /** `Afzender`: the provider's AGB code (JW315, JW305, JW307) or the municipality's code (JW301). */
  readonly sender: string;
  /** `Ontvanger`: the municipality's code (JW315, JW305, JW307) or the provider's AGB code (JW301). */
  readonly receiver: string;
  /** `BerichtIdentificatie/Identificatie`: unique per sender. */
  readonly messageId: string;
  /** `BerichtIdentificatie/Dagtekening` (YYYY-MM-DD). */
  readonly sentOn: string;
}

/** A product (`CDT_Product`): a category of two digits and, optionally, a code of five characters. */
export interface IjwProduct {
  readonly category: string;
  readonly code?: string;
}

/** personal: the client's BSN (elfproef-valid). */
export interface IjwClient {
  readonly bsn: string;
}

/** `StatusAanlevering`: 1 new, 2 changed, 3 withdrawn (an earlier delivery to be removed). */
export type IjwDeliveryStatus = '1' | '2' | '3';

export interface RequestedProduct {
  /** `ReferentieAanbieder`: the provider's own reference for the request. */
  readonly reference: string;
  readonly product?: IjwProduct;
  readonly from: string;
  readonly until?: string;
}

export interface AllocatedProduct {
  readonly allocationNumber: string;
  readonly reference?: string;
  readonly product?: IjwProduct;
  /** `Toewijzingsdatum`: when the municipality decided. */
  readonly allocatedOn: string;
  readonly from: string;
  readonly until?: string;
}

export interface StartedProduct {
  readonly allocationNumber?: string;
  readonly product?: IjwProduct;
  readonly allocatedFrom?: string;
  readonly startedOn: string;
  readonly status: IjwDeliveryStatus;
}

export interface StoppedProduct extends StartedProduct {
  /** `RedenBeeindiging` (codelist JZ588). */
  readonly endReason: string;
  readonly endedOn: string;
}

interface Message<Type extends IjwMessageType> {
  readonly type: Type;
  readonly header: IjwHeader;
  readonly client: IjwClient;
}

export interface Jw315 extends Message<'JW315'> {
  readonly products: readonly RequestedProduct[];
}
export interface Jw301 extends Message<'JW301'> {
  readonly products: readonly AllocatedProduct[];
}
export interface Jw305 extends Message<'JW305'> {
  readonly products: readonly StartedProduct[];
}
export interface Jw307 extends Message<'JW307'> {
  readonly products: readonly StoppedProduct[];
}

export type IjwMessage = Jw315 | Jw301 | Jw305 | Jw307;

/** One problem of a message: `field` is the element path (`Bericht/Client/Bsn`), `message` says what is wrong. */
export interface IjwFieldError {
  readonly field: string;
  readonly message: string;
}

export type IjwParseResult =
  | { readonly ok: true; readonly message: IjwMessage }
  | { readonly ok: false; readonly errors: readonly IjwFieldError[] };

/**
 * `RedenBeeindiging` (JZ588) codes of iJw 3.2 and their meaning, for the mapping to the engine's reasons of
 * ending (see `ijw-mapping.ts`).
 */
export const IJW_END_REASONS: Readonly<Record<string, string>> = {
  '02': 'Overlijden',
  '19': 'Levering volgens plan beëindigd',
  '20': 'Levering is tijdelijk beëindigd',
  '21': 'Levering is eenzijdig door cliënt beëindigd',
  '22': 'Levering is eenzijdig door aanbieder beëindigd',
  '23': 'Levering is in overeenstemming voortijdig beëindigd',
  '31': 'Verhuizing naar een andere gemeente',
  '36': 'Geïnitieerd door de gemeente',
  '37': 'In verband met wijzigingsverzoek',
  '38': 'Overstap naar andere aanbieder',
  '39': 'Uitstroom naar ander domein',
};
