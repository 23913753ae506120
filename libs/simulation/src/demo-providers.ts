import type { ProviderConfig } from '@samenspoor/domain';

import { CARE_FORM_PROFILES, PROVIDERS } from './catalogue';

/**
 * Fictitious AGB codes of the demo region's providers: 8 digits, as the national register hands out, in a
 * range of their own (98 0001 xx) so that none is mistaken for a real provider's code.
 */
const AGB_CODES: Readonly<Record<string, string>> = {
  accare: '98000101',
  elker: '98000102',
  lentis: '98000103',
  cosis: '98000104',
  ambiq: '98000105',
  vnn: '98000106',
  molendrift: '98000107',
  'leger-des-heils': '98000108',
  'sheeren-loo': '98000109',
};

/**
 * The demo region's providers as directory entries, under the `providerId`s its simulated trajectories use, each
 * with the care forms the simulation has it provide.
 */
export const DEMO_PROVIDERS: readonly ProviderConfig[] = Object.values(PROVIDERS).map(
  (provider) => ({
    providerId: provider.key,
    agbCode: AGB_CODES[provider.key] ?? '98000199',
    name: provider.name,
    careForms: Object.entries(CARE_FORM_PROFILES)
      .filter(([, profile]) => profile.providers.some(([id]) => id === provider.key))
      .map(([careForm]) => careForm),
  }),
);
