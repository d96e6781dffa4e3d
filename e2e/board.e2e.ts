import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eSuite } from './fixtures.ts';

const suite = e2eSuite();
const signIn = suite.signInPerson;

const columnTitles = (page: Page, status: string) =>
  page.getByTestId(`column-${status}`).locator('li p:first-child').allTextContents();

describe('a working group board', () => {
  it('converges when the lead and a member move tasks at the same time, and shows the member their tasks', async () => {
    const lead = await suite.app.factory.person({ role: 'group_lead', name: 'Mads Nielsen' });
    const member = await suite.app.factory.person({ role: 'group_member', name: 'Ida Sørensen' });
    const group = await suite.app.factory.group({
      members: [
        { personId: lead.id, role: 'lead' },
        { personId: member.id, role: 'member' },
      ],
    });
    const { token } = (
      await suite.app.api('POST', '/api/auth/login', { body: { email: lead.email, password: lead.password } })
    ).body;
    for (const [title, assigneeId] of [
      ['Kortlæg integrationer', member.id],
      ['Beskriv beskedformat', lead.id],
      ['Afklar hosting', member.id],
    ] as const) {
      expect(
        (
          await suite.app.api('POST', `/api/groups/${group.id}/tasks`, {
            token,
            body: { title, assigneeId, due: '2027-03-01' },
          })
        ).status,
      ).toBe(201);
    }
    const leadUser = await signIn(lead);
    const memberUser = await signIn(member);
    for (const u of [leadUser, memberUser]) {
      await u.page.goto(`/groups/${group.id}`);
      await u.page.getByTestId('column-todo').getByText('Afklar hosting').waitFor();
    }

    // Both move at once: the lead by keyboard, the member by keyboard on another card.
    await Promise.all([
      leadUser.page.getByRole('button', { name: 'Flyt «Beskriv beskedformat» til I gang' }).click(),
      memberUser.page.getByRole('button', { name: 'Flyt «Kortlæg integrationer» til I gang' }).click(),
    ]);
    await leadUser.page.getByRole('button', { name: 'Flyt «Beskriv beskedformat» til Blokeret' }).click();
    await memberUser.page.getByRole('button', { name: 'Flyt «Afklar hosting» til I gang' }).click();
    await memberUser.page.getByRole('button', { name: 'Flyt «Afklar hosting» op' }).click();

    const expected = {
      todo: [],
      doing: ['Afklar hosting', 'Kortlæg integrationer'],
      blocked: ['Beskriv beskedformat'],
      done: [],
    };
    for (const u of [leadUser, memberUser]) {
      for (const [status, titles] of Object.entries(expected)) {
        await expect.poll(() => columnTitles(u.page, status)).toEqual(titles);
      }
    }

    // The member's tasks are under My tasks, with a link back to the board.
    await memberUser.page.getByRole('link', { name: 'Mine opgaver' }).click();
    const later = memberUser.page.getByTestId('tasks-later');
    await expect
      .poll(async () => (await later.getByRole('link').allTextContents()).sort())
      .toEqual(['Afklar hosting', 'Kortlæg integrationer']);
    await later.getByRole('link', { name: 'Afklar hosting' }).click();
    await memberUser.page.waitForURL(`**/groups/${group.id}?task=*`);
  });
});

describe('recruitment', () => {
  it('lets an architect volunteer, the lead accept, and the new member find the task they are given under My tasks', async () => {
    const lead = await suite.app.factory.person({ role: 'group_lead', name: 'Mads Nielsen' });
    const architect = await suite.app.factory.person({ role: 'network_architect', name: 'Kasper Larsen' });
    const group = await suite.app.factory.group({ members: [{ personId: lead.id, role: 'lead' }] });
    const { token } = (
      await suite.app.api('POST', '/api/auth/login', { body: { email: lead.email, password: lead.password } })
    ).body;
    expect(
      (
        await suite.app.api('POST', `/api/groups/${group.id}/calls`, {
          token,
          body: { competencies: ['identitet'], note: 'Vi søger en arkitekt.' },
        })
      ).status,
    ).toBe(201);

    const architectUser = await signIn(architect);
    await architectUser.page.getByRole('link', { name: 'Arbejdsgrupper' }).click();
    await architectUser.page.getByRole('button', { name: 'Meld dig' }).click();
    await architectUser.page.getByRole('dialog').getByLabel(/note/).fill('Jeg kender MitID godt.');
    await architectUser.page.getByRole('dialog').getByRole('button', { name: 'Meld dig' }).click();
    await expect
      .poll(() => architectUser.page.getByTestId('my-volunteering').textContent())
      .toBe('Du har meldt dig – afventer svar');

    const leadUser = await signIn(lead);
    await leadUser.page.goto(`/groups/${group.id}`);
    await leadUser.page.getByRole('button', { name: 'Optag: Kasper Larsen' }).click();
    await leadUser.page.getByRole('region', { name: 'Opslag' }).getByText('Optaget', { exact: true }).waitFor();
    // The lead gives the new member a task on the live board.
    const form = leadUser.page.getByRole('form', { name: 'Tilføj opgave' });
    await form.getByLabel('Opgave').fill('Kortlæg login-løsninger');
    await form.getByLabel('Ansvarlig').click();
    await leadUser.page.getByRole('option', { name: 'Kasper Larsen' }).click();
    await form.getByRole('button', { name: 'Tilføj opgave' }).click();
    await leadUser.page.getByTestId('column-todo').getByText('Kortlæg login-løsninger').waitFor();

    // My tasks reads the read model, which follows the board after the projector's short debounce.
    await expect
      .poll(
        () => suite.app.council.db.prepare('SELECT count(*) AS n FROM tasks WHERE assignee_id = ?').get(architect.id),
        { timeout: 5000 },
      )
      .toEqual({ n: 1 });
    await architectUser.page.reload();
    await expect
      .poll(() => architectUser.page.getByTestId('my-volunteering').textContent())
      .toBe('Du er optaget i gruppen');
    await architectUser.page.getByRole('link', { name: 'Mine opgaver' }).click();
    await expect
      .poll(() => architectUser.page.getByTestId('tasks-noDue').getByRole('link').allTextContents())
      .toEqual(['Kortlæg login-løsninger']);
  });

  it('keeps a member’s typing when the lead deletes the task they are editing, and lets them restore it', async () => {
    const lead = await suite.app.factory.person({ role: 'group_lead', name: 'Mads Nielsen' });
    const member = await suite.app.factory.person({ role: 'group_member', name: 'Ida Sørensen' });
    const group = await suite.app.factory.group({
      members: [
        { personId: lead.id, role: 'lead' },
        { personId: member.id, role: 'member' },
      ],
    });
    const { token } = (
      await suite.app.api('POST', '/api/auth/login', { body: { email: lead.email, password: lead.password } })
    ).body;
    await suite.app.api('POST', `/api/groups/${group.id}/tasks`, { token, body: { title: 'Beskriv beskedformat' } });
    const leadUser = await signIn(lead);
    const memberUser = await signIn(member);
    for (const u of [leadUser, memberUser]) await u.page.goto(`/groups/${group.id}`);
    await memberUser.page.getByRole('button', { name: 'Rediger opgave: Beskriv beskedformat' }).click();
    const description = memberUser.page.getByRole('dialog').getByLabel('Beskrivelse');
    await description.click();
    await memberUser.page.keyboard.type('Ida skriver ');

    await leadUser.page.getByRole('button', { name: 'Slet opgave: Beskriv beskedformat' }).click();
    await leadUser.page.getByRole('dialog').getByRole('button', { name: 'Slet opgave' }).click();
    await expect.poll(() => memberUser.page.getByTestId('task-removed').textContent()).toContain('Mads Nielsen');
    await description.click();
    await memberUser.page.keyboard.press('End');
    await memberUser.page.keyboard.type('videre.');
    await memberUser.page.getByRole('button', { name: 'Gendan «Beskriv beskedformat»' }).click();
    await memberUser.page.getByRole('button', { name: 'Færdig' }).click();
    await expect.poll(() => columnTitles(leadUser.page, 'todo')).toEqual(['Beskriv beskedformat']);
    await leadUser.page.getByRole('button', { name: 'Rediger opgave: Beskriv beskedformat' }).click();
    await expect
      .poll(() => leadUser.page.getByRole('dialog').getByLabel('Beskrivelse').inputValue())
      .toBe('Ida skriver videre.');
  });
});
