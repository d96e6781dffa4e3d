import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { preferredColor } from '../packages/web/src/features/collab/presenceColors.ts';
import { e2eSuite } from './fixtures.ts';

const suite = e2eSuite();

/** The avatars of those present in the document, as the page shows them: name and colour. */
const avatars = (page: Page) =>
  page
    .getByRole('list', { name: 'Til stede i dokumentet' })
    .getByRole('listitem')
    .evaluateAll((items) =>
      items.map((el) => ({
        name: el.getAttribute('aria-label'),
        // Mantine draws the initials on a placeholder inside the avatar's white ring.
        color: getComputedStyle(el.querySelector('.mantine-Avatar-placeholder') ?? el).backgroundColor,
      })),
    );

describe('presence', () => {
  it('shows one avatar per person in distinct colours, even for two whose ids share a colour, with full names on hover', async () => {
    const meeting = await suite.app.factory.meeting({
      status: 'draft',
      content: {
        agenda: [{ id: 'i1', title: 'Rammearkitektur', kind: 'discussion', durationMinutes: 30, confidential: false }],
      },
    });
    const mette = await suite.app.factory.person({ role: 'chair', name: 'Mette Kjærgaard' });
    // Someone whose id hashes to Mette's colour: with a hash alone they would look the same.
    let thomas = await suite.app.factory.person({ role: 'secretary', name: 'Thomas Lykke' });
    while (preferredColor(thomas.id) !== preferredColor(mette.id)) {
      thomas = await suite.app.factory.person({ role: 'secretary', name: 'Thomas Lykke' });
    }
    const a = await suite.signInPerson(mette);
    const b = await suite.signInPerson(thomas);
    await a.meeting.open(meeting.id);
    await b.meeting.open(meeting.id);
    // Mette in a second tab of the same browser: still one avatar for her.
    const secondTab = await a.context.newPage();
    await secondTab.goto(`/meetings/${meeting.id}`);
    await secondTab.getByRole('tablist').waitFor();

    for (const page of [a.page, b.page, secondTab]) {
      await expect.poll(async () => (await avatars(page)).length).toBe(2);
      const shown = await avatars(page);
      expect(shown.map((x) => x.name).sort()).toEqual(['Mette Kjærgaard', 'Thomas Lykke']);
      expect(new Set(shown.map((x) => x.color)).size, JSON.stringify(shown)).toBe(2);
    }
    // Everyone agrees on each person's colour.
    const colorOf = async (page: Page, name: string) => (await avatars(page)).find((x) => x.name === name)?.color;
    expect(await colorOf(b.page, 'Mette Kjærgaard')).toBe(await colorOf(a.page, 'Mette Kjærgaard'));
    expect(await colorOf(b.page, 'Thomas Lykke')).toBe(await colorOf(a.page, 'Thomas Lykke'));

    await b.page.getByRole('listitem', { name: 'Mette Kjærgaard' }).hover();
    await expect.poll(() => b.page.getByRole('tooltip').textContent()).toBe('Mette Kjærgaard');
    await secondTab.close();
  });
});
