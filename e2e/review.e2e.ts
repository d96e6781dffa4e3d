import { describe, expect, it } from 'vitest';
import { e2eSuite } from './fixtures.ts';

const suite = e2eSuite();

const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

describe('review before release', () => {
  it('the secretary sends the draft agenda for review; a presenter outside the council reads it read-only and says so; then it is published', async () => {
    const thomas = await suite.app.factory.person({ role: 'secretary', name: 'Thomas Lykke' });
    const nadia = await suite.app.factory.person({ role: 'network_architect', name: 'Nadia Holm' });
    const meeting = await suite.app.factory.meeting({
      status: 'draft',
      title: 'Rådsmøde 9/2027',
      content: {
        agenda: [
          {
            id: 'i1',
            title: 'Fælles arkitekturprincipper',
            kind: 'discussion',
            durationMinutes: 30,
            confidential: false,
            presenterId: nadia.id,
          },
        ],
        notes: { i1: ['Udkast til oplæg om principperne.'] },
      },
    });
    const secretary = await suite.signInPerson(thomas);
    const presenter = await suite.signInPerson(nadia);

    await secretary.page.goto(`/meetings/${meeting.id}?tab=review`);
    const panel = secretary.page.getByTestId('review-panel');
    await panel.getByText('Ingen er bedt om at gennemlæse udkastet endnu.').waitFor();
    await panel.getByLabel('Gennemlæsere').click();
    await secretary.page.getByRole('option', { name: /Nadia Holm/ }).click();
    await secretary.page.keyboard.press('Escape');
    await panel.getByLabel('Frist, dato').fill(tomorrow());
    await panel.getByRole('button', { name: 'Send til gennemlæsning' }).click();
    await expect.poll(() => panel.getByTestId('reviewer').textContent()).toContain('Mangler');

    // Nadia is told, opens the draft from the notification, reads it and says she has.
    await presenter.page.goto('/notifications');
    await presenter.page
      .getByRole('link', { name: /Du er bedt om at gennemlæse dagsordenen til «Rådsmøde 9\/2027»/ })
      .click();
    const banner = presenter.page.getByTestId('review-request');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Det er et udkast, som ikke er frigivet.');
    await presenter.page.getByRole('tab', { name: 'Dagsorden og referat' }).click();
    await presenter.page.getByText('Udkast til oplæg om principperne.').waitFor();
    expect(await presenter.page.locator('.council-editor').getAttribute('contenteditable')).toBe('false');
    await banner.getByRole('button', { name: 'Markér som gennemlæst' }).click();
    await banner.getByText(/Du markerede udkastet som gennemlæst/).waitFor();

    // The secretary sees it at once, and publishes.
    await expect.poll(() => panel.getByTestId('reviewer').textContent()).toContain('Gennemlæst');
    expect(await panel.getByRole('status').textContent()).toBe('1 af 1 har gennemlæst');
    await secretary.meeting.transition('Offentliggør dagsorden');
    await expect.poll(() => secretary.page.getByTestId('meeting-status').textContent()).toBe('Offentliggjort');
  });
});
