import { describe, expect, it } from 'vitest';
import { e2eSuite } from './fixtures.ts';

const suite = e2eSuite();
const user = suite.signIn;

describe("the council's action points", () => {
  it('reach the assignee’s My tasks after approval; the assignee ticks one off and the chair sees who did', async () => {
    const ida = await suite.app.factory.person({ role: 'network_architect', name: 'Ida Sørensen' });
    const meeting = await suite.app.factory.meeting({
      status: 'minutes-draft',
      title: 'Rådsmøde 3/2026',
      content: {
        agenda: [{ id: 'i1', title: 'Opfølgning', kind: 'discussion', durationMinutes: 10, confidential: false }],
        actions: [
          { id: 'a1', title: 'Send principperne i høring', assigneeId: ida.id, due: '2026-01-10' },
          { id: 'a2', title: 'Book lokale til næste møde' },
        ],
      },
    });
    const chair = await user('chair', 'Mette Kjærgaard');
    await chair.meeting.goto(meeting.id);
    await chair.meeting.transition('Godkend referat', { confirm: /Godkend alligevel/ });

    const architect = await suite.signInPerson(ida);
    await architect.page.getByRole('link', { name: 'Mine opgaver' }).click();
    const overdue = architect.page.getByTestId('tasks-overdue');
    await expect.poll(() => overdue.textContent()).toContain('Send principperne i høring');
    expect(await overdue.textContent()).toContain('Rådets handlingspunkt · Rådsmøde 3/2026');
    await overdue.getByRole('link', { name: 'Send principperne i høring' }).click();

    // Ida may tick off her own point, not the council's unassigned one.
    const own = architect.page.getByRole('checkbox', { name: 'Marker „Send principperne i høring“ som udført' });
    const unassigned = architect.page.getByRole('checkbox', { name: 'Marker „Book lokale til næste møde“ som udført' });
    await expect.poll(() => unassigned.isDisabled()).toBe(true);
    expect(await architect.page.getByText('Overskredet').count()).toBe(1);
    await own.click();
    await expect.poll(() => own.count()).toBe(0); // done: gone from the open list
    // … with an undo, which brings it back, and then done for good.
    await architect.page.getByRole('button', { name: 'Fortryd' }).click();
    await expect.poll(() => own.count()).toBe(1);
    await own.click();
    await expect.poll(() => own.count()).toBe(0);

    await chair.page.getByRole('link', { name: 'Handlingspunkter' }).click();
    await chair.page.getByText('Udførte', { exact: true }).click();
    await expect
      .poll(() => chair.page.getByRole('table').textContent())
      .toMatch(/Send principperne i høring.*Udført .* af Ida Sørensen/);
    // The chair reopens it; it is open again for Ida too.
    await chair.page.getByRole('checkbox', { name: 'Marker „Send principperne i høring“ som udført' }).click();
    await expect.poll(() => chair.page.getByText('Ingen udførte handlingspunkter endnu.').count()).toBe(1);
    await architect.page.reload();
    await expect.poll(() => own.isChecked()).toBe(false);
  });
});
