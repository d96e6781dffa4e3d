import { describe, expect, it } from 'vitest';
import { e2eSuite } from './fixtures.ts';

const suite = e2eSuite();

describe('notifications', () => {
  it('one person gives a task on the live board, and the other’s bell counts up at once; the notification opens the task', async () => {
    const lead = await suite.app.factory.person({ role: 'group_lead', name: 'Mads Nielsen' });
    const member = await suite.app.factory.person({ role: 'group_member', name: 'Ida Sørensen' });
    const group = await suite.app.factory.group({
      members: [
        { personId: lead.id, role: 'lead' },
        { personId: member.id, role: 'member' },
      ],
    });
    const mads = await suite.signInPerson(lead);
    const ida = await suite.signInPerson(member);
    const bell = ida.page.getByTestId('notification-bell');
    await expect.poll(() => bell.getAttribute('data-unread')).toBe('0');
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifikationer');

    await mads.page.goto(`/groups/${group.id}`);
    const form = mads.page.getByRole('form', { name: 'Tilføj opgave' });
    await form.getByLabel('Opgave').fill('Kortlæg integrationer');
    await form.getByLabel('Ansvarlig').click();
    await mads.page.getByRole('option', { name: 'Ida Sørensen' }).click();
    await form.getByRole('button', { name: 'Tilføj opgave' }).click();

    // Ida did nothing: her page hears of it over the change feed.
    await expect.poll(() => bell.getAttribute('data-unread'), { timeout: 10_000 }).toBe('1');
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifikationer, 1 ulæste');
    // Nobody is told of their own doing.
    expect(await mads.page.getByTestId('notification-bell').getAttribute('data-unread')).toBe('0');

    await bell.click();
    await ida.page.waitForURL('**/notifications');
    const entry = ida.page.getByTestId('notification').first();
    await entry.getByRole('link', { name: 'Du har fået opgaven «Kortlæg integrationer» i Testgruppe.' }).click();
    await ida.page.waitForURL(`**/groups/${group.id}`);
    const dialog = ida.page.getByRole('dialog', { name: 'Rediger opgave' });
    await expect.poll(() => dialog.getByRole('textbox', { name: 'Opgave' }).inputValue()).toBe('Kortlæg integrationer');
    await expect.poll(() => bell.getAttribute('data-unread')).toBe('0');
    await dialog.getByRole('button', { name: 'Luk' }).click();
    await ida.page.goto('/notifications');
    await ida.page.getByText('Læst', { exact: true }).waitFor();

    // Without a mail server the mail is kept, and the admin reads it on "Udgående post".
    const admin = await suite.signIn('admin', 'Ida Holm');
    await admin.page.getByRole('link', { name: 'Udgående post' }).click();
    await admin.page.getByText('som .eml-filer').waitFor();
    const row = admin.page.getByTestId('outgoing-mail').filter({ hasText: 'Ida Sørensen' });
    await expect.poll(() => row.getByText('Gemt som fil').count(), { timeout: 10_000 }).toBe(1);
    await row.getByText('Du har fået opgaven «Kortlæg integrationer» i Testgruppe.').waitFor();
  });

  it('lets a person choose per kind of event how mail comes, saved as chosen', async () => {
    const hanne = await suite.signIn('council_member', 'Hanne Berg');
    await hanne.page.goto('/account');
    const section = hanne.page.getByRole('region', { name: 'Notifikationer på mail' });
    const assigned = section.getByLabel('Jeg får en opgave', { exact: true });
    await expect.poll(() => assigned.inputValue()).toBe('Med det samme');
    await assigned.click();
    await hanne.page.getByRole('option', { name: 'Aldrig' }).click();
    await section.getByText('Gemt').waitFor();
    await hanne.page.reload();
    await expect
      .poll(() =>
        hanne.page
          .getByRole('region', { name: 'Notifikationer på mail' })
          .getByLabel('Jeg får en opgave', { exact: true })
          .inputValue(),
      )
      .toBe('Aldrig');
  });
});
