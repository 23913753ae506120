import { IJW_MESSAGE_CODES, ijwMessageNamespace, type IjwMessageType } from '../ijw-message';

/**
 * Fixture messages of iJw 3.2, written for these tests (fictitious clients, test BSNs that pass the elfproef, the
 * AGB and municipality codes of the demo region). Each builder answers a whole, valid message; tests break it in
 * one place to prove each check.
 */

export interface FixtureOptions {
  readonly messageId?: string;
  readonly bsn?: string;
  /** The provider's AGB code (sender of JW315/305/307, receiver of JW301). */
  readonly agbCode?: string;
  /** The municipality's code (receiver of JW315/305/307, sender of JW301). */
  readonly municipalityCode?: string;
  readonly category?: string;
  readonly code?: string;
  readonly reference?: string;
  readonly allocationNumber?: string;
  readonly from?: string;
  readonly until?: string;
  readonly startedOn?: string;
  readonly endedOn?: string;
  readonly endReason?: string;
  readonly status?: '1' | '2' | '3';
  readonly sentOn?: string;
}

/** Test BSNs that pass the elfproef. */
export const FIXTURE_BSNS = ['999993653', '999990019', '999990032', '999991061'] as const;

export const FIXTURE_AGB = '98000101';
export const FIXTURE_MUNICIPALITY = '0014';

function headerXml(type: IjwMessageType, o: FixtureOptions): string {
  const agb = o.agbCode ?? FIXTURE_AGB;
  const municipality = o.municipalityCode ?? FIXTURE_MUNICIPALITY;
  const [sender, receiver] = type === 'JW301' ? [municipality, agb] : [agb, municipality];
  return `
  <m:Header>
    <m:BerichtCode>${IJW_MESSAGE_CODES[type]}</m:BerichtCode>
    <m:BerichtVersie>3</m:BerichtVersie>
    <m:BerichtSubversie>2</m:BerichtSubversie>
    <m:Afzender>${sender}</m:Afzender>
    <m:Ontvanger>${receiver}</m:Ontvanger>
    <m:BerichtIdentificatie>
      <ijw:Identificatie>${o.messageId ?? `${type}-0001`}</ijw:Identificatie>
      <ijw:Dagtekening>${o.sentOn ?? '2026-03-02'}</ijw:Dagtekening>
    </m:BerichtIdentificatie>
    <m:XsdVersie>
      <ijw:BasisschemaXsdVersie>1.2.0</ijw:BasisschemaXsdVersie>
      <ijw:BerichtXsdVersie>1.2.0</ijw:BerichtXsdVersie>
    </m:XsdVersie>
  </m:Header>`;
}

function clientStartXml(o: FixtureOptions, fullName: boolean): string {
  const name = fullName
    ? `<m:Naam><ijw:Geslachtsnaam><ijw:Achternaam>Testkind</ijw:Achternaam></ijw:Geslachtsnaam><ijw:Voorletters>T</ijw:Voorletters></m:Naam>`
    : `<m:Naam><ijw:Achternaam>Testkind</ijw:Achternaam><ijw:Voorletters>T</ijw:Voorletters></m:Naam>`;
  return `
    <m:Bsn>${o.bsn ?? FIXTURE_BSNS[0]}</m:Bsn>
    <m:Geboortedatum><ijw:Datum>2012-05-17</ijw:Datum></m:Geboortedatum>
    <m:Geslacht>2</m:Geslacht>
    ${name}`;
}

function productXml(o: FixtureOptions): string {
  const code = o.code === '' ? '' : `<ijw:Code>${o.code ?? '45A04'}</ijw:Code>`;
  return `<m:Product><ijw:Categorie>${o.category ?? '45'}</ijw:Categorie>${code}</m:Product>`;
}

function envelope(type: IjwMessageType, o: FixtureOptions, client: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<m:Bericht xmlns:m="${ijwMessageNamespace(type)}" xmlns:ijw="http://www.istandaarden.nl/ijw/3_2/basisschema/schema">${headerXml(type, o)}
  <m:Client>${client}
  </m:Client>
</m:Bericht>
`;
}

export function jw315(o: FixtureOptions = {}): string {
  const until = o.until ? `<m:ToewijzingEinddatum>${o.until}</m:ToewijzingEinddatum>` : '';
  return envelope(
    'JW315',
    o,
    `${clientStartXml(o, false)}
    <m:AangevraagdeProducten>
      <m:AangevraagdProduct>
        <m:ReferentieAanbieder>${o.reference ?? 'REF-1'}</m:ReferentieAanbieder>
        ${productXml(o)}
        <m:ToewijzingIngangsdatum>${o.from ?? '2026-03-01'}</m:ToewijzingIngangsdatum>
        ${until}
        <m:Omvang><ijw:Volume>3</ijw:Volume><ijw:Eenheid>04</ijw:Eenheid><ijw:Frequentie>2</ijw:Frequentie></m:Omvang>
        <m:Verwijzer><ijw:Type>02</ijw:Type><ijw:ZorgverlenerCode>01123456</ijw:ZorgverlenerCode></m:Verwijzer>
      </m:AangevraagdProduct>
    </m:AangevraagdeProducten>`,
  );
}

export function jw301(o: FixtureOptions = {}): string {
  const until = o.until ? `<m:Einddatum>${o.until}</m:Einddatum>` : '';
  const reference =
    o.reference === ''
      ? ''
      : `<m:ReferentieAanbieder>${o.reference ?? 'REF-1'}</m:ReferentieAanbieder>`;
  return envelope(
    'JW301',
    o,
    `${clientStartXml(o, true)}
    <m:Contactgegevens><m:Contact><m:Soort>01</m:Soort></m:Contact></m:Contactgegevens>
    <m:ToegewezenProducten>
      <m:ToegewezenProduct>
        <m:ToewijzingNummer>${o.allocationNumber ?? '667899'}</m:ToewijzingNummer>
        ${reference}
        ${productXml(o)}
        <m:Toewijzingsdatum>${o.sentOn ?? '2026-03-02'}</m:Toewijzingsdatum>
        <m:Toewijzingstijd>10:15:00</m:Toewijzingstijd>
        <m:Ingangsdatum>${o.from ?? '2026-03-01'}</m:Ingangsdatum>
        ${until}
      </m:ToegewezenProduct>
    </m:ToegewezenProducten>`,
  );
}

export function jw305(o: FixtureOptions = {}): string {
  return productReport('JW305', 'Start', o);
}

export function jw307(o: FixtureOptions = {}): string {
  return productReport(
    'JW307',
    'Stop',
    o,
    `<m:RedenBeeindiging>${o.endReason ?? '19'}</m:RedenBeeindiging>
        <m:Einddatum>${o.endedOn ?? '2026-06-30'}</m:Einddatum>`,
  );
}

/** A provider's report of one product started (JW305) or stopped (JW307, with what the stop adds in `stop`). */
function productReport(
  type: 'JW305' | 'JW307',
  kind: 'Start' | 'Stop',
  o: FixtureOptions,
  stop = '',
): string {
  return envelope(
    type,
    o,
    `${clientStartXml(o, false)}
    <m:${kind}Producten>
      <m:${kind}Product>
        <m:ToewijzingNummer>${o.allocationNumber ?? '667899'}</m:ToewijzingNummer>
        ${productXml(o)}
        <m:ToewijzingIngangsdatum>${o.from ?? '2026-03-01'}</m:ToewijzingIngangsdatum>
        <m:Begindatum>${o.startedOn ?? '2026-03-04'}</m:Begindatum>
        ${stop}
        <m:StatusAanlevering>${o.status ?? '1'}</m:StatusAanlevering>
      </m:${kind}Product>
    </m:${kind}Producten>`,
  );
}

/** A classic XXE attempt: an external entity that would read a file. */
export const XXE_BODY = `<?xml version="1.0"?>
<!DOCTYPE Bericht [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Bericht xmlns="${ijwMessageNamespace('JW315')}">&xxe;</Bericht>`;

/** Billion laughs: nested entities that would expand to gigabytes. */
export const BILLION_LAUGHS_BODY = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<Bericht xmlns="${ijwMessageNamespace('JW315')}">&lol3;</Bericht>`;
