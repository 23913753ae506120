import { api } from '../api';
import { SimpleForm } from '../components/simple-form';
import { Async, Page, useApi } from '../components/ui';
import { useSession } from '../session';
import type { DirectoryMyEntry } from '../types';

/**
 * "Mijn gegevens": the professional's own entry in the directory, which colleagues see when they look for them
 * and beside their name in a family's network. Work contact details only.
 */
export function MyEntryPage() {
  const { session } = useSession();
  const me = session?.user;
  // Until the entry is made, the answer is a draft from the token (`listed: false`).
  const loaded = useApi<DirectoryMyEntry>(me ? '/api/directory/professionals/me' : undefined);
  return (
    <Page title="Mijn gegevens">
      <p className="lead">
        Zo vinden collega’s u als ze u aan het netwerk van een gezin toevoegen, en zo staat u bij de
        gezinnen waar u bij betrokken bent. Vul alleen werkgegevens in.
      </p>
      <Async loaded={loaded} what="Uw gegevens">
        {(entry) => {
          return (
            <>
              {!entry.listed && (
                <p className="alert alert-warn">
                  U staat nog niet in de lijst: collega’s kunnen u pas vinden als u uw gegevens
                  opslaat.
                </p>
              )}
              <SimpleForm
                id="mijn-gegevens"
                initial={{
                  name: entry.name,
                  organisation: entry.organisation,
                  discipline: entry.discipline ?? '',
                  email: entry.email ?? '',
                  phone: entry.phone ?? '',
                }}
                fields={[
                  { name: 'name', label: 'Naam', required: true, autoComplete: 'name' },
                  { name: 'organisation', label: 'Organisatie', required: true },
                  { name: 'discipline', label: 'Functie', hint: 'Bijvoorbeeld: GZ-psycholoog' },
                  { name: 'email', label: 'E-mailadres op het werk', type: 'email' },
                  {
                    name: 'phone',
                    label: 'Telefoonnummer op het werk',
                    type: 'tel',
                    hint: 'Bijvoorbeeld: 050 123 45 67',
                  },
                ]}
                submit="Gegevens opslaan"
                done="Uw gegevens zijn opgeslagen."
                send={async (body) => {
                  await api('/api/directory/professionals/me', { method: 'PUT', body });
                  loaded.reload();
                }}
              />
            </>
          );
        }}
      </Async>
    </Page>
  );
}
