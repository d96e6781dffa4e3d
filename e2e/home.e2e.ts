import { describe, expect, it } from 'vitest';
import { e2eSuite } from './fixtures.ts';

const suite = e2eSuite();

const DAY = 86_400_000;
const at = (days: number) => ({
  startsAt: new Date(Date.now() + days * DAY).toISOString(),
  endsAt: new Date(Date.now() + days * DAY + 3 * 3_600_000).toISOString(),
});

describe('the home page', () => {
  it('shows each person what needs them: the presenter their item, the chair the next step, the lead a volunteer', async () => {
    const { app } = suite;
    const henrik = await app.factory.person({ role: 'council_member', name: 'Henrik Østergaard' });
    const lead = await app.factory.person({ role: 'group_lead', name: 'Mads Nielsen' });
    const ida = await app.factory.person({ role: 'network_architect', name: 'Ida Sørensen' });
    await app.factory.meeting({
      status: 'published',
      title: 'Rådsmøde december',
      ...at(1),
      content: {
        agenda: [
          {
            id: 'i1',
            title: 'Fælles arkitekturprincipper',
            kind: 'decision',
            durationMinutes: 30,
            confidential: false,
            presenterId: henrik.id,
          },
        ],
      },
    });
    await app.factory.meeting({ status: 'draft', title: 'Rådsmøde februar', ...at(60) });
    const group = await app.factory.group({ members: [{ personId: lead.id, role: 'lead' }] });
    app.council.db.prepare('UPDATE people SET competencies = ? WHERE id = ?').run('["Geodata"]', ida.id);
    app.council.db
      .prepare(
        `INSERT INTO group_calls (id, group_id, competencies, note, status, created_by, created_at)
         VALUES ('c1', ?, '["Geodata"]', 'Vi søger en geodataarkitekt.', 'open', ?, ?)`,
      )
      .run(group.id, lead.id, new Date().toISOString());

    const presenter = await suite.signInPerson(henrik);
    const next = presenter.page.getByTestId('home-next-meeting');
    await expect.poll(() => next.textContent()).toContain('Rådsmøde december');
    expect(await next.textContent()).toContain('Du fremlægger');
    await next.getByRole('link', { name: 'Fælles arkitekturprincipper' }).click();
    await presenter.page.waitForURL('**/meetings/**item=i1');

    const chair = await suite.signIn('chair', 'Mette Kjærgaard');
    await expect
      .poll(() => chair.page.getByTestId('home-next-steps').textContent())
      .toContain('Rådsmøde februarDagsordenen skal offentliggøres');

    const leader = await suite.signInPerson(lead);
    await leader.page.getByTestId('home-volunteers').getByText('Ingen frivillige venter på svar.').waitFor();
    expect(await leader.page.getByRole('navigation').getByTestId('waiting-count').count()).toBe(0);

    const architect = await suite.signInPerson(ida);
    const calls = architect.page.getByTestId('home-calls');
    await expect.poll(() => calls.textContent()).toContain('Vi søger en geodataarkitekt.');
    await calls.getByRole('link', { name: 'Testgruppe' }).click();
    await architect.page.getByRole('button', { name: 'Meld dig' }).click();
    await architect.page.getByRole('dialog').getByRole('button', { name: 'Meld dig' }).click();
    await architect.page.getByTestId('my-volunteering').waitFor();

    // The lead's home page, open all along, shows the offer without a reload (the change feed).
    await expect
      .poll(() => leader.page.getByTestId('home-volunteers').textContent(), { timeout: 5000 })
      .toContain('Ida Sørensen (Testkommune) i Testgruppe');
    // … and the menu counts it beside Home, also without a reload.
    const homeEntry = leader.page.getByRole('navigation').getByRole('link', { name: /Forside/ });
    const count = homeEntry.getByTestId('waiting-count');
    await expect.poll(() => count.textContent()).toBe('1 venter på dig');
    await leader.page.getByRole('navigation').getByRole('link', { name: 'Forside 1 venter på dig' }).waitFor();
    // Nobody else's blocks: the lead takes no meeting steps, the architect has no work block.
    expect(await leader.page.getByTestId('home-next-steps').count()).toBe(0);
    expect(await architect.page.getByRole('link', { name: 'Mine opgaver' }).count()).toBe(0);
  });

  it('fits a 390 px screen and shows an observer only what concerns them', async () => {
    const observer = await suite.signIn('observer', 'Ole Møller');
    await observer.page.setViewportSize({ width: 390, height: 844 });
    await observer.page.reload();
    await observer.page.getByTestId('home-decisions').waitFor();
    expect(await observer.page.getByTestId('home-work').count()).toBe(0);
    expect(await observer.page.getByTestId('home-next-steps').count()).toBe(0);
    const overflow = await observer.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it('signs out every tab of the browser when one signs out, and says so', async () => {
    const member = await suite.signIn('council_member', 'Henrik Østergaard');
    const other = await member.context.newPage();
    await other.goto('/meetings');
    await other.getByRole('heading', { name: 'Møder' }).first().waitFor();
    await member.page.getByRole('button', { name: 'Log ud' }).click();
    await other.getByTestId('signed-out-elsewhere').waitFor({ timeout: 5000 });
    expect(await other.getByTestId('signed-out-elsewhere').textContent()).toContain('Du er logget ud');
    await other.close();
  });
});
