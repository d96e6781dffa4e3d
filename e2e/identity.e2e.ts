import type { TestServer } from '@council/server/testing';
import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download, launchBrowser, openBrowser, signedInHome, startApp } from './fixtures.ts';

/**
 * Issue 20's local accounts in Chromium: an admin, whose role requires two-factor sign-in, sets it
 * up at the first sign-in and invites someone; the invited person chooses a password through the
 * link (the first one refused by the policy), turns two-factor sign-in on and signs in with a code.
 */
let browser: Browser;
let app: TestServer;
beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp({ COUNCIL_TOTP_REQUIRED_ROLES: 'admin' });
});
afterAll(async () => {
  await browser.close();
  await app.stop();
});

/** The key shown beside the QR code, as a person would type it into their app. */
const secretOn = async (page: Page) => ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
/** The code an app shows 30 s on: a code already used (to turn it on) is refused, the next one is not. */
const nextCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

async function password(page: Page, email: string, pass: string) {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByRole('textbox', { name: 'Adgangskode' }).fill(pass);
  await page.getByRole('button', { name: 'Log ind' }).click();
}

describe('local accounts', () => {
  it('an invited person chooses a password through the link and signs in with a code from their app', async () => {
    const adminPerson = await app.factory.person({ role: 'admin', name: 'Ida Holm' });
    const admin = await openBrowser(browser, app, 'Ida Holm');

    // The admin's role requires a second factor: the first sign-in sets it up.
    await password(admin.page, adminPerson.email, adminPerson.password);
    await admin.page.getByRole('heading', { name: 'Slå totrinsbekræftelse til' }).waitFor();
    await admin.page.getByRole('img', { name: 'QR-kode til godkendelsesappen' }).waitFor();
    const adminSecret = await secretOn(admin.page);
    await admin.page.getByRole('textbox', { name: 'Kode', exact: true }).fill('000000');
    await admin.page.getByRole('button', { name: 'Bekræft' }).click();
    await admin.page.getByText('Koden er ikke rigtig.', { exact: false }).waitFor();
    admin.errors.length = 0; // the wrong code is a 400 the browser logs
    await admin.page.getByRole('textbox', { name: 'Kode', exact: true }).fill(await generate({ secret: adminSecret }));
    await admin.page.getByRole('button', { name: 'Bekræft' }).click();
    await admin.page.getByTestId('recovery-codes').waitFor();
    expect(await admin.page.getByTestId('recovery-codes').getByRole('listitem').count()).toBe(10);
    await admin.page.getByRole('button', { name: 'Jeg har gemt koderne' }).click();
    await signedInHome(admin.page);

    // Invite Sofie; there is no mail server, so the admin is given the link.
    await admin.page.goto('/network');
    await admin.page.getByRole('button', { name: 'Invitér person' }).click();
    const dialog = admin.page.getByRole('dialog', { name: 'Invitér person' });
    await dialog.getByRole('textbox', { name: 'E-mail' }).fill('sofie.lund@vejle.example');
    await dialog.getByRole('textbox', { name: 'Navn' }).fill('Sofie Lund');
    await dialog.getByRole('textbox', { name: 'Organisation' }).fill('Vejle Kommune');
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    const link = (await dialog.getByTestId('invitation-link').textContent()) ?? '';
    expect(link).toMatch(/\/set-password#/);
    await dialog.getByRole('button', { name: 'Luk' }).first().click();
    const row = admin.page.locator('tr', { hasText: 'Sofie Lund' });
    await row.getByText('Inviteret').waitFor();

    // Sofie, in her own browser, opens the link.
    const sofie = await openBrowser(browser, app, 'Sofie Lund');
    await sofie.page.goto(link.slice(link.indexOf('/set-password')));
    await sofie.page.getByRole('heading', { name: 'Velkommen til Council' }).waitFor();
    await sofie.page.getByText('sofie.lund@vejle.example').waitFor();
    await sofie.page.getByRole('textbox', { name: 'Adgangskode', exact: true }).fill('Sommer2026!');
    await sofie.page.getByRole('textbox', { name: 'Gentag adgangskoden' }).fill('Sommer2026!');
    await sofie.page.getByRole('button', { name: 'Gem adgangskode' }).click();
    await sofie.page.getByText('Den adgangskode er for almindelig.', { exact: false }).waitFor();
    sofie.errors.length = 0; // the refused password is a 400 the browser logs
    const chosen = 'tre blå heste ved Vejle Å';
    await sofie.page.getByRole('textbox', { name: 'Adgangskode', exact: true }).fill(chosen);
    await sofie.page.getByRole('textbox', { name: 'Gentag adgangskoden' }).fill(chosen);
    await sofie.page.getByRole('button', { name: 'Gem adgangskode' }).click();
    await sofie.page.getByText('Din adgangskode er gemt.', { exact: false }).waitFor();
    await sofie.page.getByRole('link', { name: 'Log ind' }).click();
    await password(sofie.page, 'sofie.lund@vejle.example', chosen);
    await signedInHome(sofie.page);

    // The admin's list no longer says invited.
    await admin.page.reload();
    await admin.page.locator('tr', { hasText: 'Sofie Lund' }).waitFor();
    expect(await admin.page.locator('tr', { hasText: 'Sofie Lund' }).getByText('Inviteret').count()).toBe(0);

    // She turns two-factor sign-in on from her account page.
    await sofie.page.goto('/account');
    await sofie.page.getByRole('button', { name: 'Slå totrinsbekræftelse til' }).click();
    const secret = await secretOn(sofie.page);
    await sofie.page.getByRole('textbox', { name: 'Kode', exact: true }).fill(await generate({ secret }));
    await sofie.page.getByRole('button', { name: 'Bekræft' }).click();
    await sofie.page.getByTestId('recovery-codes').waitFor();
    await sofie.page.getByRole('button', { name: 'Jeg har gemt koderne' }).click();
    await sofie.page.getByText('Totrinsbekræftelse er slået til. Du har 10 gendannelseskoder tilbage.').waitFor();

    // Signed out, she signs in again: the password, then a code from her app.
    await sofie.page.getByRole('button', { name: 'Log ud' }).first().click();
    await sofie.page.waitForURL(/\/login/);
    await password(sofie.page, 'sofie.lund@vejle.example', chosen);
    await sofie.page.getByRole('heading', { name: 'Totrinsbekræftelse' }).waitFor();
    await sofie.page.getByRole('textbox', { name: 'Kode', exact: true }).fill(await nextCode(secret));
    await sofie.page.getByRole('button', { name: 'Bekræft' }).click();
    await signedInHome(sofie.page);

    // She downloads her data: her profile and the sign-ins just made are in it.
    await sofie.page.goto('/account');
    const mine = await download(sofie.page, sofie.page.getByRole('link', { name: 'Hent mine data' }));
    expect(mine.name).toMatch(/^council-mine-data-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(mine.text);
    expect(data.profile).toMatchObject({ email: 'sofie.lund@vejle.example', name: 'Sofie Lund' });
    expect(data.audit.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['person.invite', 'person.invite_accepted', 'person.two_factor_on', 'auth.login']),
    );
    expect(mine.text).not.toContain('totp_secret');
    expect(sofie.errors).toEqual([]);

    // The admin erases her data: the name must be typed to confirm; her open browser is signed out at once.
    await admin.page.goto('/network');
    await admin.page.getByRole('button', { name: 'Flere handlinger for Sofie Lund' }).click();
    await admin.page.getByRole('menuitem', { name: 'Slet persondata' }).click();
    const erase = admin.page.getByRole('dialog', { name: 'Slet persondata for Sofie Lund' });
    const confirm = erase.getByRole('button', { name: 'Slet persondata' });
    expect(await confirm.isDisabled()).toBe(true);
    await erase.getByRole('textbox', { name: 'Skriv personens navn for at bekræfte' }).fill('Sofie Lund');
    await confirm.click();
    await erase.getByText(/Persondata for Sofie Lund er slettet\. Personen hedder nu Person [0-9A-F]{6}\./).waitFor();
    await erase.getByRole('button', { name: 'Luk' }).last().click();
    await admin.page.getByText('Slettet', { exact: true }).waitFor();
    expect(await admin.page.getByText('Sofie Lund').count()).toBe(0);
    await sofie.page.getByTestId('signed-out-elsewhere').waitFor({ timeout: 10_000 });
    // Her open page learnt it from 401s, which the browser logs; nothing else went wrong.
    expect(sofie.errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
    expect(admin.errors).toEqual([]);
  });
});
