import { copenhagenDate } from '@council/shared';
import { describe, expect, it } from 'vitest';
import { e2eSuite } from './fixtures.ts';

const suite = e2eSuite();

/**
 * Issue 18's walk through a meeting, in four browsers at once: a template makes the meeting, the
 * draft agenda is reviewed and published, an invitation reply records apologies, the meeting is held
 * with a named vote and a minuted view, two attendees sign (one withdraws and signs again after a
 * change), the chair approves, and the register shows the vote.
 */
describe('the council’s meeting workflow', () => {
  it('runs from a template to a vote in the register', async () => {
    const people = {
      mette: await suite.app.factory.person({ role: 'chair', name: 'Mette Kjærgaard' }),
      thomas: await suite.app.factory.person({ role: 'secretary', name: 'Thomas Lykke' }),
      henrik: await suite.app.factory.person({ role: 'council_member', name: 'Henrik Østergaard' }),
      hanne: await suite.app.factory.person({ role: 'council_member', name: 'Hanne Berg' }),
    };
    const login = await suite.app.api('POST', '/api/auth/login', {
      body: { email: people.thomas.email, password: people.thomas.password },
    });
    const template = await suite.app.api('POST', '/api/meeting-templates', {
      token: login.body.token,
      body: {
        name: 'Ordinært rådsmøde',
        items: [
          { title: 'Godkendelse af dagsorden', kind: 'information', durationMinutes: 5, presenterRole: 'chair' },
          { title: 'Fælles integrationsplatform', kind: 'decision', durationMinutes: 30, presenterRole: 'secretary' },
          { title: 'Eventuelt', kind: 'discussion', durationMinutes: 5, presenterRole: null },
        ],
      },
    });
    expect(template.status).toBe(201);
    const secretary = await suite.signInPerson(people.thomas);
    const chair = await suite.signInPerson(people.mette);
    const henrik = await suite.signInPerson(people.henrik);
    const hanne = await suite.signInPerson(people.hanne);

    // 1. A template makes the meeting, today, so that it can be held now.
    await secretary.page.goto('/meetings');
    await secretary.page.getByRole('button', { name: 'Nyt møde' }).click();
    const create = secretary.page.getByRole('dialog');
    await create.getByLabel('Skabelon').click();
    await secretary.page.getByRole('option', { name: /Ordinært rådsmøde/ }).click();
    await create.getByLabel('Titel').fill('Rådsmøde 1/2027');
    await create.getByLabel('Dato').fill(copenhagenDate(new Date()));
    await create.getByLabel('Starttid').fill('00:05');
    await create.getByLabel('Sluttid').fill('23:55');
    await create.getByRole('button', { name: 'Opret møde' }).click();
    await secretary.page.waitForURL(/\/meetings\/m-/);
    const meetingId = new URL(secretary.page.url()).pathname.split('/')[2] as string;
    for (const title of ['Godkendelse af dagsorden', 'Fælles integrationsplatform', 'Eventuelt']) {
      await secretary.meeting.agendaItem(title).waitFor();
    }

    // 2. The draft agenda goes to the chair for review; she reviews it; then it is published.
    await secretary.page.getByRole('tab', { name: 'Gennemlæsning' }).click();
    const review = secretary.page.getByTestId('review-panel');
    await review.getByLabel('Gennemlæsere').click();
    await secretary.page.getByRole('option', { name: /Mette Kjærgaard/ }).click();
    await secretary.page.keyboard.press('Escape');
    await review.getByLabel('Frist, dato').fill(copenhagenDate(new Date(Date.now() + 2 * 86_400_000)));
    await review.getByRole('button', { name: 'Send til gennemlæsning' }).click();
    await chair.page.goto(`/meetings/${meetingId}`);
    await chair.page.getByTestId('review-request').getByRole('button', { name: 'Markér som gennemlæst' }).click();
    await expect.poll(() => review.getByRole('status').textContent()).toBe('1 af 1 har gennemlæst');
    await secretary.meeting.transition('Offentliggør dagsorden');

    // 3. Hanne answers the invitation with apologies; the attendance says so.
    await hanne.page.goto(`/meetings/${meetingId}`);
    const rsvp = hanne.page.getByTestId('rsvp');
    await rsvp.getByRole('button', { name: 'Meld afbud' }).click();
    await rsvp.getByLabel(/Begrundelse/).fill('Kommunalbestyrelsesmøde');
    await rsvp.getByRole('button', { name: 'Send afbud' }).click();
    await rsvp.getByText('Du har meldt afbud.').waitFor();
    await secretary.page.getByRole('tab', { name: 'Fremmøde' }).click();
    const row = (name: string) => secretary.page.getByRole('row', { name: new RegExp(name) });
    await expect.poll(() => row('Hanne Berg').getByRole('radio', { name: 'Afbud' }).isChecked()).toBe(true);

    // 4. Held: attendance, the decision, a named vote and Henrik's view minuted.
    await secretary.meeting.transition('Start mødet');
    for (const name of ['Mette Kjærgaard', 'Thomas Lykke', 'Henrik Østergaard']) {
      await row(name).getByText('Til stede', { exact: true }).click();
    }
    await secretary.page.getByRole('tab', { name: 'Dagsorden og referat' }).click();
    await secretary.meeting.agendaItem('Fælles integrationsplatform').click();
    await secretary.page.getByLabel('Overskrift').fill('Rådet anbefaler en fælles integrationsplatform');
    await secretary.page.getByLabel('Status', { exact: true }).first().click();
    await secretary.page.getByRole('option', { name: 'Vedtaget' }).click();
    await secretary.page.getByRole('button', { name: 'Registrér afstemning' }).click();
    const vote = secretary.page.getByRole('dialog');
    const ballot = (name: string) => vote.getByRole('radiogroup', { name: `Stemme for ${name}` });
    await ballot('Mette Kjærgaard').getByText('For', { exact: true }).click();
    await ballot('Thomas Lykke').getByText('For', { exact: true }).click();
    await ballot('Henrik Østergaard').getByText('Imod', { exact: true }).click();
    await vote.getByRole('button', { name: 'Gem afstemning' }).click();
    await vote.waitFor({ state: 'hidden' });
    await henrik.page.goto(`/meetings/${meetingId}?tab=agenda`);
    await henrik.meeting.agendaItem('Fælles integrationsplatform').click();
    await henrik.page.getByRole('button', { name: 'Før min stemme til protokol' }).click();
    await henrik.page.getByLabel('Det, der skal stå i protokollen').fill('Platformen bør i udbud først.');
    await henrik.page.getByRole('button', { name: 'Før til protokol' }).click();
    await expect.poll(() => secretary.page.getByTestId('dissent').textContent()).toContain('i udbud først');
    await secretary.meeting.transition('Afslut mødet');

    // 5. Two attendees sign; Henrik withdraws, the minutes change, both sign again.
    const sign = async (u: typeof chair) => {
      await u.page.goto(`/meetings/${meetingId}?tab=signatures`);
      await u.page.getByRole('button', { name: 'Underskriv referatet' }).click();
      await u.page.getByRole('button', { name: 'Træk min underskrift tilbage' }).waitFor();
    };
    await sign(chair);
    await sign(henrik);
    await henrik.page.getByRole('button', { name: 'Træk min underskrift tilbage' }).click();
    await secretary.meeting.agendaItem('Fælles integrationsplatform').click();
    await secretary.meeting.type('Rådet drøftede udbuddet.');
    await expect.poll(() => secretary.meeting.saveState.textContent()).toBe('Gemt');
    await chair.page.getByRole('button', { name: 'Underskriv referatet' }).waitFor({ timeout: 15_000 });
    await sign(chair);
    await sign(henrik);

    // 6. The chair approves; the register shows the vote and the minuted view.
    await chair.meeting.transition('Godkend referat');
    await chair.page.getByRole('tab', { name: 'Godkendt referat' }).click();
    const minutes = chair.page.getByTestId('approved-minutes');
    await minutes.getByText('Afstemning: 2 for, 1 imod, 0 undlod at stemme.').waitFor();
    expect(await minutes.textContent()).toContain('Henrik Østergaard, ');
    await chair.page
      .getByRole('link', { name: /Beslutning \d{4}-\d{3}/ })
      .first()
      .click();
    await chair.page.getByRole('heading', { name: 'Afstemning' }).waitFor();
    expect(await chair.page.getByTestId('vote').textContent()).toContain('Imod: Henrik Østergaard');
    expect(await chair.page.getByTestId('dissent').textContent()).toContain('Platformen bør i udbud først.');
  });
});
