import { describe, expect, it } from 'vitest';
import { e2eSuite, signedInHome } from './fixtures.ts';

const suite = e2eSuite();
const NEW_PASSWORD = 'nyt-og-langt-kodeord';

describe('an account', () => {
  it('changing the password in one browser signs the other browser out, and the sessions list shows it', async () => {
    const person = await suite.app.factory.person({ role: 'council_member', name: 'Mette Kjær' });
    const meeting = await suite.app.factory.meeting({ status: 'in-session' });
    const office = await suite.signInPerson(person);
    const home = await suite.signInPerson(person);
    await home.meeting.open(meeting.id);

    await office.page.getByRole('link', { name: 'Min konto' }).first().click();
    await expect.poll(() => office.page.getByTestId('session').count()).toBe(2);
    await office.page.getByRole('textbox', { name: 'Nuværende adgangskode' }).fill('forkert-kodeord');
    await office.page.getByRole('textbox', { name: /^Ny adgangskode/ }).fill(NEW_PASSWORD);
    await office.page.getByRole('textbox', { name: 'Gentag den nye adgangskode' }).fill(`${NEW_PASSWORD}x`);
    await office.page.getByRole('button', { name: 'Skift adgangskode' }).click();
    await office.page.getByText('De to adgangskoder er ikke ens.').waitFor();
    await office.page.getByRole('textbox', { name: 'Gentag den nye adgangskode' }).fill(NEW_PASSWORD);
    await office.page.getByRole('button', { name: 'Skift adgangskode' }).click();
    await office.page.getByText('Den nuværende adgangskode er forkert.').waitFor();
    office.errors.length = 0; // the refused change is logged by the browser as a 403

    await office.page.getByRole('textbox', { name: 'Nuværende adgangskode' }).fill(person.password);
    await office.page.getByRole('button', { name: 'Skift adgangskode' }).click();
    await office.page.getByText('Adgangskoden er skiftet, og 1 anden session er logget ud.').waitFor();
    await expect.poll(() => office.page.getByTestId('session').count()).toBe(1);
    await office.page.getByText('Denne browser').waitFor();

    // The other browser learns it at once, without a reload: its event stream is refused and the
    // sign-in page says why (its live connection was closed too).
    await home.page.getByTestId('signed-out-elsewhere').waitFor({ timeout: 10_000 });
    expect(home.page.url()).toContain('/login');
    // Its requests after the change were refused (401), which is how it learnt; nothing else went wrong.
    home.errors.splice(0, home.errors.length, ...home.errors.filter((e) => !/status of 401/.test(e)));
  });

  it('an admin deactivates a person who is signed in, who is then told why they cannot sign in, and reactivates them', async () => {
    const person = await suite.app.factory.person({ role: 'network_architect', name: 'Jonas Friis' });
    const admin = await suite.signIn('admin', 'Ida Holm');
    const jonas = await suite.signInPerson(person);

    await admin.page.goto('/network');
    await admin.page.getByRole('button', { name: 'Deaktivér Jonas Friis' }).click();
    const dialog = admin.page.getByRole('dialog', { name: 'Deaktivér Jonas Friis' });
    await dialog.getByText('logges ud alle steder med det samme').waitFor();
    await dialog.getByRole('button', { name: 'Deaktivér' }).click();
    await admin.page.getByRole('button', { name: 'Genaktivér Jonas Friis' }).waitFor();
    await admin.page.locator('tr', { hasText: 'Jonas Friis' }).getByText('Deaktiveret').waitFor();

    // Jonas's open page is told at once, without a reload.
    await jonas.page.getByTestId('signed-out-elsewhere').waitFor({ timeout: 10_000 });
    await jonas.page.getByLabel('E-mail').fill(person.email);
    await jonas.page.getByRole('textbox', { name: 'Adgangskode' }).fill(person.password);
    await jonas.page.getByRole('button', { name: 'Log ind' }).click();
    await jonas.page.getByText('Din konto er deaktiveret. Kontakt en administrator.').waitFor();
    jonas.errors.length = 0;

    await admin.page.getByRole('button', { name: 'Genaktivér Jonas Friis' }).click();
    await admin.page.getByRole('button', { name: 'Deaktivér Jonas Friis' }).waitFor();
    await jonas.page.getByRole('button', { name: 'Log ind' }).click();
    await signedInHome(jonas.page);
  });
});
