import {
  BILLION_LAUGHS_BODY,
  FIXTURE_AGB,
  FIXTURE_BSNS,
  FIXTURE_MUNICIPALITY,
  XXE_BODY,
  jw301,
  jw305,
  jw307,
  jw315,
} from '@samenspoor/ijw/testing';
import { parseIjwMessage, type IjwFieldError, type IjwParseResult } from '@samenspoor/ijw';

function errorsOf(result: IjwParseResult): readonly IjwFieldError[] {
  if (result.ok) throw new Error('expected the message to be refused');
  return result.errors;
}

/** The fields that parsing `xml` refuses. */
function fields(xml: string | Uint8Array): string[] {
  return errorsOf(parseIjwMessage(xml)).map((e) => e.field);
}

describe('parseIjwMessage: valid messages of iJw 3.2', () => {
  /** The header of a fixture message, sent on 2026-03-02. */
  const fixtureHeader = (sender: string, receiver: string, messageId: string) => ({
    sender,
    receiver,
    messageId,
    sentOn: '2026-03-02',
  });

  it.each([
    {
      what: 'a JW315 request for allocation',
      xml: jw315({ messageId: 'VOT-17', until: '2026-12-31' }),
      type: 'JW315',
      header: fixtureHeader(FIXTURE_AGB, FIXTURE_MUNICIPALITY, 'VOT-17'),
      products: [
        {
          reference: 'REF-1',
          product: { category: '45', code: '45A04' },
          from: '2026-03-01',
          until: '2026-12-31',
        },
      ],
    },
    {
      what: 'a JW301 allocation, sent by the municipality to the provider',
      xml: jw301({ allocationNumber: '1234', code: '' }),
      type: 'JW301',
      header: fixtureHeader(FIXTURE_MUNICIPALITY, FIXTURE_AGB, 'JW301-0001'),
      products: [
        {
          allocationNumber: '1234',
          reference: 'REF-1',
          product: { category: '45' },
          allocatedOn: '2026-03-02',
          from: '2026-03-01',
        },
      ],
    },
  ])('reads $what', ({ xml, type, header, products }) => {
    expect(parseIjwMessage(xml)).toEqual({
      ok: true,
      message: { type, header, client: { bsn: FIXTURE_BSNS[0] }, products },
    });
  });

  it('reads a JW305 start and a JW307 end of care', () => {
    const start = parseIjwMessage(jw305({ startedOn: '2026-03-09' }));
    expect(start.ok && start.message).toMatchObject({
      type: 'JW305',
      products: [
        {
          allocationNumber: '667899',
          allocatedFrom: '2026-03-01',
          startedOn: '2026-03-09',
          status: '1',
        },
      ],
    });
    const stop = parseIjwMessage(jw307({ endReason: '22' }));
    expect(stop.ok && stop.message).toMatchObject({
      type: 'JW307',
      products: [{ allocationNumber: '667899', endReason: '22', endedOn: '2026-06-30' }],
    });
  });

  it('accepts a default namespace instead of prefixes, and bytes as well as text', () => {
    const unprefixed = jw305()
      .replace(/<m:/g, '<')
      .replace(/<\/m:/g, '</')
      .replace('xmlns:m=', 'xmlns=');
    expect(parseIjwMessage(unprefixed).ok).toBe(true);
    expect(parseIjwMessage(Buffer.from(jw307(), 'utf8')).ok).toBe(true);
  });
});

describe('parseIjwMessage: what it refuses, naming the element path', () => {
  it('refuses a DOCTYPE or ENTITY before parsing: XXE and billion laughs', () => {
    for (const body of [XXE_BODY, BILLION_LAUGHS_BODY]) {
      expect(errorsOf(parseIjwMessage(body))).toEqual([
        { field: 'Bericht', message: 'a DOCTYPE or ENTITY declaration is not allowed' },
      ]);
    }
    expect(fields(jw315().replace('<m:Bericht', '<!doctype x><m:Bericht'))).toEqual(['Bericht']);
  });

  it('refuses what is not well-formed, not UTF-8, empty, too deep or too large', () => {
    expect(fields(jw315().replace('</m:Client>', ''))).toEqual(['Bericht']);
    expect(fields(Buffer.from([0x3c, 0xff, 0xfe, 0x3e]))).toEqual(['Bericht']);
    expect(fields('')).toEqual(['Bericht']);
    const deep = `${'<a>'.repeat(30)}${'</a>'.repeat(30)}`;
    expect(errorsOf(parseIjwMessage(deep))[0]?.message).toMatch(/nested deeper/);
    const large = jw315().replace('<m:Client>', `<!--${'x'.repeat(1_000_001)}--><m:Client>`);
    expect(errorsOf(parseIjwMessage(large))[0]?.message).toMatch(/larger than/);
  });

  it('refuses a message of another namespace (another release, another message)', () => {
    const release31 = jw315().replace('ijw/3_2/jw315', 'ijw/3_1/jw315');
    expect(fields(release31)).toEqual(['Bericht']);
    const jw302 = jw301().replace('ijw/3_2/jw301', 'ijw/3_2/jw302');
    expect(fields(jw302)).toEqual(['Bericht']);
  });

  it('refuses elements in the wrong namespace', () => {
    const wrongBasis = jw315().replace(
      '<ijw:Identificatie>JW315-0001</ijw:Identificatie>',
      '<m:Identificatie>JW315-0001</m:Identificatie>',
    );
    expect(errorsOf(parseIjwMessage(wrongBasis))).toEqual([
      {
        field: 'Bericht/Header/BerichtIdentificatie/Identificatie',
        message: 'must be in the namespace http://www.istandaarden.nl/ijw/3_2/basisschema/schema',
      },
    ]);
  });

  it('refuses a wrong BerichtCode, BerichtVersie or BerichtSubversie', () => {
    const code = jw315().replace('<m:BerichtCode>446<', '<m:BerichtCode>436<');
    expect(errorsOf(parseIjwMessage(code))).toEqual([
      { field: 'Bericht/Header/BerichtCode', message: 'must be one of 446' },
    ]);
    const versions = jw305()
      .replace('<m:BerichtVersie>3<', '<m:BerichtVersie>2<')
      .replace('<m:BerichtSubversie>2<', '<m:BerichtSubversie>1<');
    expect(fields(versions)).toEqual([
      'Bericht/Header/BerichtVersie',
      'Bericht/Header/BerichtSubversie',
    ]);
  });

  it('refuses missing required elements, repeated single ones, unknown ones and a wrong order', () => {
    const missing = jw315().replace(/<m:ReferentieAanbieder>.*<\/m:ReferentieAanbieder>/, '');
    expect(errorsOf(parseIjwMessage(missing))).toEqual([
      {
        field: 'Bericht/Client/AangevraagdeProducten/AangevraagdProduct[1]/ReferentieAanbieder',
        message: 'is required',
      },
    ]);
    const noBsn = jw307().replace(/<m:Bsn>.*<\/m:Bsn>/, '');
    expect(fields(noBsn)).toEqual(['Bericht/Client/Bsn']);
    const twice = jw305().replace(/(<m:Geslacht>2<\/m:Geslacht>)/, '$1$1');
    expect(errorsOf(parseIjwMessage(twice))[0]).toEqual({
      field: 'Bericht/Client/Geslacht',
      message: 'may occur only once',
    });
    const unknown = jw301().replace(
      '<m:Contactgegevens>',
      '<m:Huisdier>kat</m:Huisdier><m:Contactgegevens>',
    );
    expect(fields(unknown)).toEqual(['Bericht/Client/Huisdier']);
    const order = jw305().replace(
      /(<m:Geslacht>2<\/m:Geslacht>)([\s\S]*?)(<m:StartProducten>)/,
      '$2$1$3',
    );
    expect(errorsOf(parseIjwMessage(order)).map((e) => e.message)).toContain(
      'is out of the order iJw 3.2 prescribes',
    );
  });

  it('refuses malformed AGB and municipality codes', () => {
    expect(fields(jw315({ agbCode: '9800010' }))).toEqual(['Bericht/Header/Afzender']);
    expect(fields(jw315({ municipalityCode: '14' }))).toEqual(['Bericht/Header/Ontvanger']);
    expect(fields(jw301({ agbCode: 'ABCDEFGH' }))).toEqual(['Bericht/Header/Ontvanger']);
  });

  it('refuses a BSN that fails the elfproef, without repeating it', () => {
    const errors = errorsOf(parseIjwMessage(jw315({ bsn: '123456789' })));
    expect(errors).toEqual([
      {
        field: 'Bericht/Client/Bsn',
        message: 'must be a BSN of 9 digits that passes the elfproef',
      },
    ]);
    expect(JSON.stringify(errors)).not.toContain('123456789');
  });

  it('refuses dates that do not exist, and an end before its start', () => {
    expect(fields(jw315({ from: '2026-02-30' }))).toEqual([
      'Bericht/Client/AangevraagdeProducten/AangevraagdProduct[1]/ToewijzingIngangsdatum',
    ]);
    expect(fields(jw305({ startedOn: '2026-13-01' }))).toEqual([
      'Bericht/Client/StartProducten/StartProduct[1]/Begindatum',
    ]);
    expect(fields(jw301({ sentOn: '2026-03-02T10:00:00' }))).toEqual([
      'Bericht/Header/BerichtIdentificatie/Dagtekening',
      'Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Toewijzingsdatum',
    ]);
    expect(errorsOf(parseIjwMessage(jw307({ endedOn: '2026-03-01' })))).toEqual([
      {
        field: 'Bericht/Client/StopProducten/StopProduct[1]/Einddatum',
        message: 'must not be before 2026-03-04',
      },
    ]);
  });

  it('refuses codes outside their code lists and numbers outside their ranges', () => {
    expect(fields(jw307({ endReason: '99' }))).toEqual([
      'Bericht/Client/StopProducten/StopProduct[1]/RedenBeeindiging',
    ]);
    expect(fields(jw305({ status: '4' as '1' }))).toEqual([
      'Bericht/Client/StartProducten/StartProduct[1]/StatusAanlevering',
    ]);
    expect(fields(jw301({ allocationNumber: '123456789' }))).toEqual([
      'Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/ToewijzingNummer',
    ]);
    expect(fields(jw315({ category: '4' }))).toEqual([
      'Bericht/Client/AangevraagdeProducten/AangevraagdProduct[1]/Product/Categorie',
    ]);
    const volume = jw315().replace('<ijw:Volume>3<', '<ijw:Volume>0<');
    expect(fields(volume)).toEqual([
      'Bericht/Client/AangevraagdeProducten/AangevraagdProduct[1]/Omvang/Volume',
    ]);
  });

  it('requires an allocation number or a product on a start', () => {
    const neither = jw305()
      .replace(/<m:ToewijzingNummer>.*<\/m:ToewijzingNummer>/, '')
      .replace(/<m:Product>.*<\/m:Product>/, '');
    expect(fields(neither)).toEqual([
      'Bericht/Client/StartProducten/StartProduct[1]/ToewijzingNummer',
    ]);
  });

  it('never throws, whatever bytes it is given', () => {
    let seed = 17;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const valid = jw301();
    for (let i = 0; i < 500; i += 1) {
      const bytes = Buffer.from(valid, 'utf8');
      for (let flips = 0; flips < 1 + Math.floor(random() * 8); flips += 1) {
        bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      }
      const cut = bytes.subarray(0, Math.floor(random() * bytes.length) + 1);
      expect(() => parseIjwMessage(random() < 0.5 ? bytes : cut)).not.toThrow();
    }
  });
});
