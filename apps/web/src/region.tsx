import { createContext, useContext, type ReactNode } from 'react';

import { CARE_FORM_LABELS, label } from '@samenspoor/domain/labels-nl';

import type { Region } from './types';
import { ErrorAlert, Loading, useApi } from './components/ui';

const Context = createContext<Region | undefined>(undefined);

/** Loads the region's configuration (`GET /api/region`) once a session exists: lists, norms, thresholds. */
export function RegionProvider({ children }: { children: ReactNode }) {
  const region = useApi<Region>('/api/region');
  if (region.error !== undefined)
    return (
      <main className="container">
        <ErrorAlert error={region.error} retry={region.reload} />
      </main>
    );
  if (!region.data)
    return (
      <main className="container">
        <Loading what="Regio" />
      </main>
    );
  return <Context.Provider value={region.data}>{children}</Context.Provider>;
}

export function useRegion(): Region {
  const region = useContext(Context);
  if (!region) throw new Error('useRegion outside RegionProvider');
  return region;
}

export function careFormLabel(careForm: string): string {
  return label(CARE_FORM_LABELS, careForm);
}
