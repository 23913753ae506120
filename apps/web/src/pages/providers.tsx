import { useState } from 'react';

import { api } from '../api';
import { SimpleForm } from '../components/simple-form';
import { Async, Page, ScrollTable, useApi } from '../components/ui';
import { careFormLabel } from '../region';
import type { DirectoryProviders } from '../types';

/**
 * "Aanbieders" (manager): the providers the region works with, each with its AGB code; registering one; and the
 * provider names that were typed in by hand before, with how often, so that they can be registered under that
 * name and show up properly in the figures.
 */
export function ProvidersPage() {
  const listed = useApi<DirectoryProviders>('/api/directory/providers?limit=100');
  const unlisted = useApi<DirectoryProviders>('/api/directory/providers?unlisted=true');
  const [registering, setRegistering] = useState<string>();
  return (
    <Page title="Aanbieders">
      <p className="lead">
        De zorgaanbieders van de regio. Professionals kiezen bij het aanvragen van zorg alleen uit
        deze lijst.
      </p>
      <section className="card" aria-labelledby="h-lijst">
        <h2 id="h-lijst">In de lijst</h2>
        <Async loaded={listed} what="Aanbieders">
          {(data) =>
            data.items.length === 0 ? (
              <p>Er staan nog geen aanbieders in de lijst.</p>
            ) : (
              <ScrollTable labelledBy="h-lijst" columns={['Naam', 'AGB-code', 'Zorgvormen']}>
                <tbody>
                  {data.items.map((p) => (
                    <tr key={p.providerId}>
                      <th scope="row">{p.name}</th>
                      <td>{p.agbCode}</td>
                      <td>{p.careForms.map(careFormLabel).join(', ') || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </ScrollTable>
            )
          }
        </Async>
      </section>

      <section className="card" aria-labelledby="h-los">
        <h2 id="h-los">Nog niet in de lijst</h2>
        <Async loaded={unlisted} what="Ingetypte aanbieders">
          {(data) =>
            (data.unlisted ?? []).length === 0 ? (
              <p>Alle gebruikte aanbieders staan in de lijst.</p>
            ) : (
              <>
                <p>
                  Deze aanbieders zijn eerder met de hand ingetypt. Zet ze in de lijst, dan staat
                  overal hun naam.
                </p>
                <ScrollTable labelledBy="h-los" columns={['Ingetypt als', 'Aantal keer', '']}>
                  <tbody>
                    {(data.unlisted ?? []).map((u) => (
                      <tr key={u.providerId}>
                        <th scope="row">{u.providerId}</th>
                        <td>{u.uses}</td>
                        <td>
                          <button
                            type="button"
                            className="button secondary small"
                            onClick={() => setRegistering(u.providerId)}
                          >
                            In de lijst zetten
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </ScrollTable>
              </>
            )
          }
        </Async>
      </section>

      <section className="card" aria-labelledby="h-nieuw">
        <h2 id="h-nieuw">
          {registering ? `“${registering}” in de lijst zetten` : 'Aanbieder toevoegen'}
        </h2>
        <SimpleForm
          key={registering ?? 'nieuw'}
          id="aanbieder"
          className="form"
          initial={{ name: registering ?? '', agbCode: '' }}
          fields={[
            { name: 'name', label: 'Naam', required: true },
            {
              name: 'agbCode',
              label: 'AGB-code',
              required: true,
              inputMode: 'numeric',
              hint: 'De landelijke code van de zorgaanbieder: 8 cijfers.',
            },
          ]}
          submit="Aanbieder toevoegen"
          done="De aanbieder staat in de lijst."
          send={async (body) => {
            await api('/api/directory/providers', {
              method: 'POST',
              body: { ...body, ...(registering ? { providerId: registering } : {}) },
            });
            listed.reload();
            unlisted.reload();
          }}
        />
      </section>
    </Page>
  );
}
