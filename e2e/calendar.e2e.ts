import { describe, expect, it } from 'vitest';
import { e2eSuite } from './fixtures.ts';

const suite = e2eSuite();

describe('the calendar link on Min konto', () => {
  it('is made, shown once, works without signing in, and stops working when revoked', async () => {
    await suite.app.factory.meeting({ status: 'published', title: 'Rådsmøde 6/2026' });
    const observer = await suite.signIn('observer', 'Ole Møller');
    await observer.page.goto('/account');
    await observer.page.getByText('Du har intet kalenderlink.').waitFor();
    await observer.page.getByRole('button', { name: 'Lav kalenderlink' }).click();
    const link = observer.page.getByLabel('Dit kalenderlink');
    await link.waitFor();
    const url = await link.inputValue();
    expect(url).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    // A calendar program has no session: fetch it from outside the browser.
    const path = new URL(url).pathname;
    const ics = await (await fetch(`${suite.app.url}${path}`)).text();
    expect(ics).toContain('SUMMARY:Rådsmøde 6/2026');

    // Once the page is left, the link is not shown again: only that there is one.
    await observer.page.reload();
    await observer.page.getByText(/Du har et kalenderlink, lavet/).waitFor();
    expect(await observer.page.getByLabel('Dit kalenderlink').count()).toBe(0);
    await observer.page.getByRole('button', { name: 'Tilbagekald linket' }).click();
    await observer.page.getByText('Linket er tilbagekaldt og virker ikke længere.').waitFor();
    expect((await fetch(`${suite.app.url}${path}`)).status).toBe(404);
  });
});
