import { searchWords } from './search-words';

describe('searchWords', () => {
  it('splits a name into lower-case words without accents', () => {
    expect(searchWords('Özdemir-Jansen, Anneke')).toEqual(['ozdemir', 'jansen', 'anneke']);
    expect(searchWords("  Zoë  d'Hooghe ")).toEqual(['zoe', 'd', 'hooghe']);
  });

  it('gives no words for punctuation alone', () => {
    expect(searchWords(' -,% _ ')).toEqual([]);
  });
});
