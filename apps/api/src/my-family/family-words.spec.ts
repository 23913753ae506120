import { PERSONAL_FIELDS, type FamilyEvent } from '@samenspoor/domain';
import { everyEventOnARegisteredFamily, event } from '@samenspoor/domain/testing';

import { accessWords, eventWords } from './family-words';

/** Every personal value of an event (its sealed fields), as text. */
function personalValues(e: FamilyEvent): string[] {
  const fields = PERSONAL_FIELDS[e.type];
  const data = e.data as unknown as Record<string, unknown>;
  return fields
    .map((field) => data[field.replace('[]', '')])
    .flat()
    .filter((value): value is string => typeof value === 'string' && value.length > 3);
}

describe("the family's own words (B1 Dutch)", () => {
  it.each(everyEventOnARegisteredFamily().map((e) => [e.type, e] as const))(
    'tells %s in Dutch without any text of the record',
    (_type, e) => {
      const words = eventWords(e);
      if (e.type === 'PersonalDataErased') return expect(words).toBeUndefined();
      expect(words).toMatch(/^[A-Z].*[.?]$/);
      for (const value of personalValues(e)) expect(words).not.toContain(value);
      expect(words).not.toMatch(/[a-z]+-[a-z]+-[a-z]+/);
    },
  );

  it('explains the verklarende analyse where it starts', () => {
    expect(eventWords(event.analysisStarted())).toBe(
      'De verklarende analyse is begonnen. Daarin zoeken hulpverleners samen met u uit wat er aan de hand is, en waarom.',
    );
  });

  it('tells opening the record apart from appearing in a list or a search', () => {
    expect(accessWords('GET /api/families/:familyId', null).kind).toBe('opened');
    expect(accessWords('GET /api/families/:familyId/timeline', null).kind).toBe('opened');
    expect(accessWords('GET /api/families', 'listed').kind).toBe('listed');
    expect(accessWords('POST /api/families/search', 'listed').kind).toBe('listed');
    expect(accessWords('GET /api/projections/safety-overview', 'listed').action).toContain(
      'niet geopend',
    );
    expect(accessWords('POST /api/families/:familyId/mdos', null).kind).toBe('changed');
  });
});
