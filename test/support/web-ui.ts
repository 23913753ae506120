/**
 * What a user does on the web UI's own pages, in its Dutch words, for the browser tests (`browser.ts` launches
 * Chromium and checks the pages).
 */
import type { Page } from 'playwright-core';

/** Waits for the page's heading (h1). */
export async function heading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** A user typed in on the development sign-in page ("Andere demogebruiker"); what is left out keeps its default. */
export interface TypedInUser {
  readonly id: string;
  readonly name?: string;
  readonly organisation?: string;
  readonly role?: string;
}

/** Opens the web UI and signs in on the development sign-in page as a user typed in, not one of the list. */
export async function signInTypedIn(page: Page, base: string, user: TypedInUser): Promise<void> {
  await page.goto(`${base}/`);
  await page.getByText('Andere demogebruiker').click();
  await page.getByLabel('Gebruikers-id (geen naam)').fill(user.id);
  if (user.name !== undefined) await page.getByLabel('Naam', { exact: true }).fill(user.name);
  if (user.organisation !== undefined) await page.getByLabel('Organisatie').fill(user.organisation);
  if (user.role !== undefined)
    await page.getByLabel('Rol', { exact: true }).selectOption(user.role);
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
}

/** The users the browser suites type in on the sign-in page, by name. */
const TYPED_IN_USERS = {
  // Professionals who take families along the route, register families and are turned away.
  rina: { id: 'p-rina', name: 'Rina de Vries', organisation: 'WIJ Veendam' },
  ilse: { id: 'p-ilse', name: 'Ilse Meijer', organisation: 'WIJ Veendam' },
  joris: { id: 'p-joris', name: 'Joris Smit', organisation: 'Lentis' },
  // The safety team's member who reads the messages from the chain.
  eva: {
    id: 'st-eva',
    name: 'Eva Veilig',
    organisation: 'Regionaal veiligheidsteam',
    role: 'safety-team',
  },
} as const satisfies Record<string, TypedInUser>;

/** Signs in as one of the users the browser suites type in (see `signInTypedIn`). */
export async function signInTypedInAs(
  page: Page,
  base: string,
  who: keyof typeof TYPED_IN_USERS,
): Promise<void> {
  await signInTypedIn(page, base, TYPED_IN_USERS[who]);
}

/** Picks a case step on the family page by its title. */
export async function chooseStep(page: Page, title: string): Promise<void> {
  await page.getByLabel('Welke stap legt u vast?').selectOption({ label: title });
}

/** Waits until a form says it is done, in words containing `text`. */
export async function saidDone(page: Page, text: string): Promise<void> {
  await page.locator('[data-outcome="done"]').filter({ hasText: text }).waitFor();
}

/** A professional's start after signing in: "Mijn werk"; then to "Mijn gezinnen" through the navigation. */
export async function openMyFamilies(page: Page): Promise<void> {
  await heading(page, 'Mijn werk');
  await page.getByRole('navigation').getByRole('link', { name: 'Mijn gezinnen' }).click();
  await heading(page, 'Mijn gezinnen');
}
