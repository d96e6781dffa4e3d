import { describe, expect, it } from 'vitest';
import { e2eSuite } from './fixtures.ts';

const suite = e2eSuite();
const user = suite.signIn;

describe('meetings that will not be held', () => {
  it("a chair cancels a published meeting with a reason: a member's open page turns read-only and says 'Aflyst' with it", async () => {
    const meeting = await suite.app.factory.meeting({ status: 'published', title: 'Rådsmøde 5/2026' });
    const chair = await user('chair', 'Mette Kjærgaard');
    const member = await user('council_member', 'Henrik Østergaard');
    await member.meeting.open(meeting.id, 'i1');
    await expect.poll(() => member.meeting.notes.getAttribute('contenteditable')).toBe('true');
    await chair.meeting.open(meeting.id, 'i1');

    await chair.page.getByRole('button', { name: 'Aflys mødet' }).click();
    const dialog = chair.page.getByRole('dialog');
    await dialog.getByText('markeret som aflyst med begrundelsen').waitFor();
    // The reason is required: without it the dialog cannot be confirmed.
    expect(await dialog.getByRole('button', { name: 'Bekræft' }).isDisabled()).toBe(true);
    await dialog.getByLabel(/Begrundelse/).fill('Formanden er syg');
    await dialog.getByRole('button', { name: 'Bekræft' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => chair.page.getByTestId('meeting-status').textContent()).toBe('Aflyst');

    // The member did nothing: the page learns of it live.
    await expect.poll(() => member.page.getByTestId('meeting-status').textContent()).toBe('Aflyst');
    await expect
      .poll(() => member.page.getByTestId('meeting-cancelled').textContent())
      .toBe('Mødet er aflyst: Formanden er syg');
    await member.meeting.notes.waitFor();
    await expect.poll(() => member.meeting.notes.getAttribute('contenteditable')).toBe('false');

    // It stays in the list, marked cancelled, with the reason.
    await member.page.goto('/meetings');
    const card = member.page.locator('.mantine-Card-root', { hasText: 'Rådsmøde 5/2026' });
    await expect.poll(() => card.getByTestId('meeting-status').textContent()).toBe('Aflyst');
    await expect.poll(() => card.getByTestId('cancel-reason').textContent()).toBe('Mødet er aflyst: Formanden er syg');
  });

  it('a draft deleted by the secretary disappears from the list', async () => {
    const draft = await suite.app.factory.meeting({ status: 'draft', title: 'Oprettet ved en fejl' });
    await suite.app.factory.meeting({ status: 'draft', title: 'Det rigtige møde' });
    const secretary = await user('secretary', 'Sara Holm');
    await secretary.page.goto('/meetings');
    await secretary.page.getByRole('link', { name: 'Oprettet ved en fejl' }).waitFor();
    await secretary.meeting.goto(draft.id);
    // A published meeting is cancelled, not deleted; a draft is deleted, not cancelled.
    expect(await secretary.page.getByRole('button', { name: 'Aflys mødet' }).count()).toBe(0);
    await secretary.page.getByRole('button', { name: 'Slet mødet' }).click();
    const dialog = secretary.page.getByRole('dialog', { name: 'Slet mødet?' });
    await dialog.getByText('Kladden «Oprettet ved en fejl» forsvinder fra alle lister').waitFor();
    await dialog.getByRole('button', { name: 'Slet', exact: true }).click();
    await secretary.page.waitForURL((url) => url.pathname === '/meetings');
    await secretary.page.getByRole('link', { name: 'Det rigtige møde' }).waitFor();
    expect(await secretary.page.getByRole('link', { name: 'Oprettet ved en fejl' }).count()).toBe(0);
    // Leaving the deleted meeting's page asked for nothing that is gone.
    expect(secretary.errors).toEqual([]);
    await secretary.page.goto(`/meetings/${draft.id}`);
    await secretary.page.getByText('Ikke fundet').waitFor();
    // The request for the deleted meeting answered 404, on purpose.
    secretary.errors.splice(0, secretary.errors.length, ...secretary.errors.filter((e) => !/status of 404/.test(e)));
  });

  it('undo and the deleted list bring a draft back', async () => {
    const draft = await suite.app.factory.meeting({ status: 'draft', title: 'Oprettet ved en fejl' });
    const chair = await user('chair', 'Mette Kjærgaard');
    await chair.meeting.goto(draft.id);
    await chair.page.getByRole('button', { name: 'Slet mødet' }).click();
    await chair.page
      .getByRole('dialog', { name: 'Slet mødet?' })
      .getByRole('button', { name: 'Slet', exact: true })
      .click();
    const notice = chair.page.getByTestId('meeting-deleted');
    await notice.getByText('Mødekladden «Oprettet ved en fejl» er slettet.').waitFor();
    await notice.getByRole('button', { name: 'Fortryd' }).click();
    await chair.page
      .getByTestId('meeting-restored')
      .getByText('Mødekladden «Oprettet ved en fejl» er gendannet.')
      .waitFor();
    await chair.page.getByRole('link', { name: 'Oprettet ved en fejl' }).click();
    await chair.page.getByText('Punkt 1').first().waitFor();

    // Deleted again, and restored later from the folded list of deleted drafts, which names who deleted it.
    await chair.page.getByRole('button', { name: 'Slet mødet' }).click();
    await chair.page
      .getByRole('dialog', { name: 'Slet mødet?' })
      .getByRole('button', { name: 'Slet', exact: true })
      .click();
    await chair.page.waitForURL((url) => url.pathname === '/meetings');
    await chair.page.reload();
    const list = chair.page.getByTestId('deleted-meetings');
    await list.getByText('Slettede mødekladder (1)').click();
    await list.getByText('«Oprettet ved en fejl», fjernet af Mette Kjærgaard').waitFor();
    await list.getByRole('button', { name: 'Gendan «Oprettet ved en fejl»' }).click();
    await chair.page.getByRole('link', { name: 'Oprettet ved en fejl' }).waitFor();
    await expect.poll(() => chair.page.getByTestId('deleted-meetings').count()).toBe(0);
    // A member sees the restored draft too; the deleted list is not theirs to see.
    const member = await user('council_member', 'Henrik Dahl');
    await member.page.goto('/meetings');
    await member.page.getByRole('link', { name: 'Oprettet ved en fejl' }).waitFor();
    expect(await member.page.getByTestId('deleted-meetings').count()).toBe(0);
  });
});
