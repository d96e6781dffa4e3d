import { describe, expect, it } from 'vitest';
import { e2eSuite, MeetingPage } from './fixtures.ts';

const suite = e2eSuite();
const user = suite.signIn;

describe('live minutes', () => {
  it("two council members see each other's text and caret, and the text survives a reload", async () => {
    const meeting = await suite.app.factory.meeting({ status: 'in-session', title: 'Rådsmøde 4/2026' });
    const mette = await user('chair', 'Mette Kjærgaard');
    const henrik = await user('council_member', 'Henrik Østergaard');
    await mette.meeting.open(meeting.id);
    await henrik.meeting.open(meeting.id);

    await mette.meeting.type('Rådet drøftede rammearkitekturen.');
    await expect.poll(() => henrik.meeting.notes.textContent()).toContain('Rådet drøftede rammearkitekturen.');
    await expect.poll(() => henrik.meeting.caretOf('Mette Kjærgaard').count()).toBe(1);

    await henrik.meeting.type(' Sekretariatet følger op.');
    await expect.poll(() => mette.meeting.notes.textContent()).toContain('Sekretariatet følger op.');
    await expect.poll(() => mette.meeting.caretOf('Henrik Østergaard').count()).toBe(1);

    await expect.poll(() => mette.meeting.saveState.textContent()).toBe('Gemt');
    await expect.poll(() => henrik.meeting.saveState.textContent()).toBe('Gemt');
    await mette.page.reload();
    await mette.meeting.notes.waitFor();
    await expect
      .poll(() => mette.meeting.notes.textContent())
      .toContain('Rådet drøftede rammearkitekturen. Sekretariatet følger op.');
  });

  it('shows a network architect the notes read-only, with live updates', async () => {
    const meeting = await suite.app.factory.meeting({ status: 'published', title: 'Rådsmøde 1/2027' });
    const chair = await user('chair', 'Mette Kjærgaard');
    const architect = await user('network_architect', 'Ida Sørensen');
    await chair.meeting.open(meeting.id);
    await architect.meeting.open(meeting.id);

    await expect.poll(() => architect.page.getByTestId('read-only').count()).toBe(1);
    await expect.poll(() => architect.meeting.notes.getAttribute('contenteditable')).toBe('false');
    expect(await architect.page.getByRole('toolbar').count()).toBe(0);

    await chair.meeting.type('Dagsordenen er offentliggjort.');
    await expect.poll(() => architect.meeting.notes.textContent()).toContain('Dagsordenen er offentliggjort.');

    // Typing into a read-only editor changes nothing, here or for the chair.
    await architect.meeting.notes.click();
    await architect.page.keyboard.type('Forsøg');
    await architect.page.waitForTimeout(300);
    expect(await architect.meeting.notes.textContent()).not.toContain('Forsøg');
    expect(await chair.meeting.notes.textContent()).not.toContain('Forsøg');
    // A read-only reader keeps no copy in the browser.
    const cached = await architect.page.evaluate(async () =>
      (await indexedDB.databases()).map((d) => d.name).filter((n) => n?.startsWith('council:')),
    );
    expect(cached).toEqual([]);
  });
});

describe('rights that change during a meeting', () => {
  it('turns a council member’s open minutes read-only the moment an admin makes them an architect, and back', async () => {
    const meeting = await suite.app.factory.meeting({ status: 'in-session', title: 'Rådsmøde 5/2026' });
    const admin = await user('admin', 'Søren Admin');
    const henrik = await user('council_member', 'Henrik Østergaard');
    await henrik.meeting.open(meeting.id);
    await henrik.meeting.type('Før rolleskiftet.');
    await expect.poll(() => henrik.meeting.saveState.textContent()).toBe('Gemt');

    const setRole = async (role: string) => {
      await admin.page.getByRole('combobox', { name: 'Rolle for Henrik Østergaard' }).click();
      await admin.page.getByRole('option', { name: role }).click();
      await expect
        .poll(() => admin.page.getByRole('combobox', { name: 'Rolle for Henrik Østergaard' }).inputValue())
        .toBe(role);
    };
    await admin.page.getByRole('link', { name: 'Netværk' }).click();
    await setRole('Netværksarkitekt');

    // No reload: the server tells Henrik's page, which reloads his rights and reconnects.
    await expect.poll(() => henrik.page.getByTestId('read-only').count()).toBe(1);
    await expect.poll(() => henrik.meeting.notes.getAttribute('contenteditable')).toBe('false');
    expect(await henrik.meeting.notes.textContent()).toContain('Før rolleskiftet.');

    await setRole('Rådsmedlem');
    await expect.poll(() => henrik.page.getByTestId('read-only').count()).toBe(0);
    await expect.poll(() => henrik.meeting.notes.getAttribute('contenteditable')).toBe('true');
    await henrik.meeting.type(' Efter rolleskiftet.');
    await expect.poll(() => henrik.meeting.saveState.textContent()).toBe('Gemt');
    expect(await henrik.meeting.notes.textContent()).toContain('Før rolleskiftet. Efter rolleskiftet.');

    // Both changes are in the audit log, newest first.
    await admin.page.getByRole('link', { name: 'Revisionslog' }).click();
    const rows = admin.page.getByRole('table', { name: 'Revisionslog' }).getByRole('row');
    await expect
      .poll(() => rows.nth(1).textContent())
      .toContain('Rolle ændretHenrik ØstergaardNetværksarkitekt → Rådsmedlem');
    expect(await rows.nth(2).textContent()).toContain('Rolle ændretHenrik ØstergaardRådsmedlem → Netværksarkitekt');
    expect(await henrik.page.getByRole('link', { name: 'Revisionslog' }).count()).toBe(0); // not for council members
  });
});

describe('a dropped connection', () => {
  it('says offline the moment the browser loses its network, and what the connection says once it is back', async () => {
    const meeting = await suite.app.factory.meeting({ status: 'in-session', title: 'Rådsmøde 8/2026' });
    const mette = await user('chair', 'Mette Kjærgaard');
    const henrik = await user('council_member', 'Henrik Østergaard');
    await mette.meeting.open(meeting.id);
    await henrik.meeting.open(meeting.id);
    const badge = () => henrik.meeting.saveState.textContent();
    await expect.poll(badge).toBe('Gemt');

    // The socket would take some 30 s to notice; the browser knows at once.
    await henrik.context.setOffline(true);
    await expect.poll(badge, { timeout: 2000 }).toBe('Offline – dine ændringer sendes, når du er online igen');
    // A short blip: back to what the connection says, not stuck on offline.
    await henrik.context.setOffline(false);
    await expect.poll(badge, { timeout: 2000 }).toBe('Gemt');

    // Longer, with something typed meanwhile: sent, and saved, soon after the network is back.
    await henrik.context.setOffline(true);
    await expect.poll(badge, { timeout: 2000 }).toMatch(/^Offline/);
    await henrik.meeting.type('Skrevet i toget.');
    await henrik.page.waitForTimeout(1500);
    expect(await badge()).toMatch(/^Offline/);
    await henrik.context.setOffline(false);
    await expect.poll(badge, { timeout: 10_000 }).toBe('Gemt');
    await expect.poll(() => mette.meeting.notes.textContent()).toContain('Skrevet i toget.');
  });

  it('says offline on a meeting with no agenda yet, where there is no notes editor', async () => {
    const meeting = await suite.app.factory.meeting({
      status: 'draft',
      title: 'Tom dagsorden',
      content: { agenda: [] },
    });
    const thomas = await user('secretary', 'Thomas Lykke');
    await thomas.meeting.goto(meeting.id);
    const badge = () => thomas.meeting.saveState.textContent();
    await expect.poll(badge).toBe('Gemt');
    await thomas.context.setOffline(true);
    await expect.poll(badge, { timeout: 2000 }).toMatch(/^Offline/);
    await thomas.context.setOffline(false);
    await expect.poll(badge, { timeout: 5000 }).toBe('Gemt');
  });

  it('keeps what was typed offline through a crashed tab, sends it on the next visit, and forgets it at sign-out', async () => {
    const meeting = await suite.app.factory.meeting({ status: 'in-session', title: 'Rådsmøde 7/2026' });
    const mette = await user('chair', 'Mette Kjærgaard');
    const henrik = await user('council_member', 'Henrik Østergaard');
    await mette.meeting.open(meeting.id);
    await henrik.meeting.open(meeting.id);

    await henrik.context.setOffline(true);
    await henrik.meeting.type('Skrevet før nedbruddet.');
    await henrik.page.waitForTimeout(500); // the browser's copy is written in the background
    await henrik.page.close({ runBeforeUnload: false }); // as a crash would: no questions asked

    await henrik.context.setOffline(false);
    const again = new MeetingPage(await henrik.context.newPage());
    await again.open(meeting.id);
    await expect.poll(() => mette.meeting.notes.textContent()).toContain('Skrevet før nedbruddet.');
    await expect.poll(() => again.saveState.textContent()).toBe('Gemt');
    const cached = () =>
      again.page.evaluate(async () =>
        (await indexedDB.databases()).map((d) => d.name).filter((n) => n?.startsWith('council:')),
      );
    const names = await cached();
    expect(names).toHaveLength(1); // the meeting's copy; never one of its confidential document
    expect(names[0]).toMatch(new RegExp(`^council:.+:meeting:${meeting.id}$`));

    await again.page.getByRole('button', { name: 'Log ud' }).click();
    await again.page.waitForURL('**/login');
    await expect.poll(cached).toEqual([]);
  });

  it('keeps what is typed offline, asks before the tab is closed with it unsent, and sends it when back online', async () => {
    const meeting = await suite.app.factory.meeting({ status: 'in-session', title: 'Rådsmøde 6/2026' });
    const mette = await user('chair', 'Mette Kjærgaard');
    const henrik = await user('council_member', 'Henrik Østergaard');
    await mette.meeting.open(meeting.id);
    await henrik.meeting.open(meeting.id);

    await henrik.context.setOffline(true);
    await henrik.meeting.type('Skrevet uden forbindelse.');
    await expect.poll(() => henrik.meeting.saveState.textContent()).not.toBe('Gemt');
    await mette.page.waitForTimeout(300);
    expect(await mette.meeting.notes.textContent()).not.toContain('Skrevet uden forbindelse.');

    // Closing the tab now would lose the text: the browser asks first.
    const asked = new Promise<string>((resolve) => {
      henrik.page.once('dialog', (dialog) => {
        resolve(dialog.type());
        void dialog.dismiss();
      });
      setTimeout(() => resolve('no dialog'), 5000);
    });
    await henrik.page.close({ runBeforeUnload: true });
    expect(await asked).toBe('beforeunload');
    expect(henrik.page.isClosed()).toBe(false);

    await henrik.context.setOffline(false);
    await expect
      .poll(() => mette.meeting.notes.textContent(), { timeout: 30_000 })
      .toContain('Skrevet uden forbindelse.');
    await expect.poll(() => henrik.meeting.saveState.textContent(), { timeout: 30_000 }).toBe('Gemt');
  });
});
