import { DEFAULT_REGION } from '@samenspoor/domain';

import { CARE_FORM_PROFILES } from './catalogue';
import { DEMO_PROVIDERS } from './demo-providers';

describe('the demo region’s providers', () => {
  it('list every provider the simulation uses once, with a distinct 8-digit AGB code and care forms of the region', () => {
    const used = new Set(
      Object.values(CARE_FORM_PROFILES).flatMap((profile) => profile.providers.map(([id]) => id)),
    );
    expect(DEMO_PROVIDERS.map((p) => p.providerId).sort()).toEqual([...used].sort());
    const codes = DEMO_PROVIDERS.map((p) => p.agbCode);
    expect(codes.every((code) => /^[0-9]{8}$/.test(code))).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    const forms = DEFAULT_REGION.careForms.map((form) => form.id);
    for (const provider of DEMO_PROVIDERS) {
      expect(provider.careForms.length).toBeGreaterThan(0);
      expect(provider.careForms.every((form) => forms.includes(form))).toBe(true);
    }
  });
});
