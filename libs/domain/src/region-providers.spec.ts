import { parseRegionConfig } from './region';

describe('the providers of a region configuration', () => {
  it('takes providers with an 8-digit AGB code and care forms of the region', () => {
    const region = parseRegionConfig(
      {
        providers: [
          {
            providerId: 'accare',
            agbCode: '98000101',
            name: 'Accare',
            careForms: ['crisis-care'],
          },
        ],
      },
      'region.json',
    );
    expect(region.providers).toEqual([
      { providerId: 'accare', agbCode: '98000101', name: 'Accare', careForms: ['crisis-care'] },
    ]);
    expect(parseRegionConfig({}, 'region.json').providers).toBeUndefined();
  });

  it.each([
    [{ providers: {} }, /providers must be a list/],
    [
      { providers: [{ providerId: 'Accare', agbCode: '98000101', name: 'A' }] },
      /providers\[0\]\.providerId/,
    ],
    [
      { providers: [{ providerId: 'a', agbCode: '9800010', name: 'A' }] },
      /providers\[0\]\.agbCode must be a text of 8 digits/,
    ],
    [{ providers: [{ providerId: 'a', agbCode: '98000101', name: '' }] }, /providers\[0\]\.name/],
    [
      { providers: [{ providerId: 'a', agbCode: '98000101', name: 'A', careForms: ['spa'] }] },
      /providers\[0\]\.careForms must list care forms of the region/,
    ],
    [
      {
        providers: [
          { providerId: 'a', agbCode: '98000101', name: 'A' },
          { providerId: 'b', agbCode: '98000101', name: 'B' },
        ],
      },
      /providers has the agbCode 98000101 twice/,
    ],
  ])('refuses %j, naming the field', (input, message) => {
    expect(() => parseRegionConfig(input, 'region.json')).toThrow(message);
  });
});
