import {
  careFormOfIjwProduct,
  DEFAULT_REGION,
  outOfHomeCareForms,
  parseRegionConfig,
  RegionConfigError,
} from './region';

describe('parseRegionConfig', () => {
  it('falls back to the defaults of api.md for every field left out', () => {
    expect(parseRegionConfig({}, 'region.json')).toEqual(DEFAULT_REGION);
    expect(DEFAULT_REGION.careForms.find((f) => f.id === 'crisis-care')?.normDays).toBe(1);
    expect(DEFAULT_REGION.careForms.find((f) => f.id === 'secure-residential')?.normDays).toBe(14);
    expect(DEFAULT_REGION.careForms.find((f) => f.id === 'foster-care')?.normDays).toBe(42);
    expect(DEFAULT_REGION.stageNorms).toEqual({ analysisDays: 28, planDays: 14 });
    expect(DEFAULT_REGION.safety).toEqual({
      noCaseDirectorDays: 14,
      noPlanDays: 42,
      inCareWithoutMdoDays: 42,
      planWithoutCareDays: 28,
      openCrisisDays: 1,
      reassessmentDays: 42,
    });
  });

  it('takes the safety overview day norms per region, keeping the defaults of the others', () => {
    expect(
      parseRegionConfig({ safety: { openCrisisDays: 2, reassessmentDays: 56 } }, 'region.json')
        .safety,
    ).toEqual({ ...DEFAULT_REGION.safety, openCrisisDays: 2, reassessmentDays: 56 });
  });

  it('marks the out-of-home care forms: the defaults, or what a configured care form says', () => {
    expect(outOfHomeCareForms(DEFAULT_REGION)).toEqual([
      'secure-residential',
      'small-scale-residential',
      'mental-health-admission',
      'family-home',
      'foster-care',
    ]);
    const config = parseRegionConfig(
      {
        careForms: [
          { id: 'foster-care', normDays: 42 },
          { id: 'family-home', normDays: 42, outOfHome: false },
          { id: 'kamertraining', normDays: 30, outOfHome: true },
          { id: 'day-treatment', normDays: 42 },
        ],
      },
      'region.json',
    );
    expect(outOfHomeCareForms(config)).toEqual(['foster-care', 'kamertraining']);
    expect(() =>
      parseRegionConfig({ careForms: [{ id: 'x', normDays: 1, outOfHome: 'ja' }] }, 'r.json'),
    ).toThrow(/careForms\[0\]\.outOfHome must be true or false/);
    expect(() =>
      parseRegionConfig({ careForms: [{ id: 'x', normDays: 1, thuis: true }] }, 'r.json'),
    ).toThrow(/careForms\[0\]\.thuis is not a known field/);
  });

  it('takes what is given and keeps the defaults of the rest of a group', () => {
    const config = parseRegionConfig(
      {
        name: 'Drenthe',
        careForms: [{ id: 'crisis-care', normDays: 2 }],
        stageNorms: { planDays: 21 },
      },
      'region.json',
    );
    expect(config).toMatchObject({
      name: 'Drenthe',
      careForms: [{ id: 'crisis-care', normDays: 2 }],
      stageNorms: { analysisDays: 28, planDays: 21 },
      municipalities: DEFAULT_REGION.municipalities,
    });
  });

  it.each([
    [[], /must hold a JSON object/],
    [{ municipalities: [] }, /municipalities must be a non-empty list/],
    [{ municipalities: ['Groningen', 'Groningen'] }, /municipalities has Groningen twice/],
    [{ careForms: [{ id: 'x', normDays: -1 }] }, /careForms\[0\]\.normDays must be a whole number/],
    [{ careForms: [{ id: '', normDays: 3 }] }, /careForms\[0\]\.id must be a non-empty text/],
    [
      {
        careForms: [
          { id: 'a', normDays: 1 },
          { id: 'a', normDays: 2 },
        ],
      },
      /careForms has a twice/,
    ],
    [{ stacking: { networkSize: 'eight' } }, /stacking\.networkSize must be a whole number/],
    [{ stacking: { size: 8 } }, /stacking\.size is not a known field/],
    [{ safety: { openCrisisDays: -1 } }, /safety\.openCrisisDays must be a whole number/],
    [{ safety: { crisisDays: 1 } }, /safety\.crisisDays is not a known field/],
    [{ norms: {} }, /norms is not a known field/],
  ])('refuses %j, naming the field', (json, message) => {
    expect(() => parseRegionConfig(json, 'region.json')).toThrow(RegionConfigError);
    expect(() => parseRegionConfig(json, 'region.json')).toThrow(message);
  });
});

describe('the iJw product mapping of the region', () => {
  it('maps category 45 to intensive ambulatory family care by default, and a code before its category', () => {
    expect(careFormOfIjwProduct(DEFAULT_REGION, { category: '45', code: '45A04' })).toBe(
      'intensive-ambulatory-family',
    );
    expect(careFormOfIjwProduct(DEFAULT_REGION, { category: '43' })).toBeUndefined();
    const region = parseRegionConfig(
      {
        ijwProducts: [
          { category: '45', careForm: 'intensive-ambulatory-family' },
          { category: '45', code: '45A48', careForm: 'trauma-treatment' },
        ],
      },
      'region.json',
    );
    expect(careFormOfIjwProduct(region, { category: '45', code: '45A48' })).toBe(
      'trauma-treatment',
    );
    expect(careFormOfIjwProduct(region, { category: '45', code: '45A04' })).toBe(
      'intensive-ambulatory-family',
    );
  });

  it('names every bad field of the mapping and of the municipality codes', () => {
    expect(() =>
      parseRegionConfig(
        {
          ijwProducts: [{ category: '4', code: 'x', careForm: 'nothing', extra: 1 }],
          municipalityCodes: { '14': 'Atlantis' },
        },
        'region.json',
      ),
    ).toThrow(
      /ijwProducts\[0\]\.extra[\s\S]*ijwProducts\[0\]\.category[\s\S]*ijwProducts\[0\]\.code[\s\S]*ijwProducts\[0\]\.careForm[\s\S]*municipalityCodes\.14 must be a code[\s\S]*municipalityCodes\.14 must name/,
    );
  });
});
