import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eSuite } from './fixtures.ts';

const suite = e2eSuite();

/** WCAG's contrast ratio of two CSS colours `rgb(r, g, b)`. */
function contrast(a: string, b: string): number {
  const luminance = (color: string) => {
    const [r, g, bl] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The focus indicator of the focused element, or of the field's box around it (a password field's
 * input sits in a box that draws the border): the outline's width and colour, or an opaque box-shadow's
 * spread, against the page's background.
 */
async function focusRing(page: Page): Promise<{ tag: string; width: number; contrast: number }> {
  const ring = await page.evaluate(() => {
    const focused = document.activeElement as HTMLElement;
    // A segmented control's radio is hidden; its label shows the focus.
    const label = focused.matches('.mantine-SegmentedControl-input') ? focused.nextElementSibling : null;
    const box =
      (focused.closest('.mantine-Input-input') as HTMLElement | null) ?? (label as HTMLElement | null) ?? focused;
    const style = getComputedStyle(box);
    const outline = style.outlineStyle === 'none' ? 0 : Number.parseFloat(style.outlineWidth);
    // box-shadow: <color> <x> <y> <blur> <spread>; a ring is a spread without offset or blur.
    const shadow = style.boxShadow.match(/(rgba?\([^)]*\))\s+0px\s+0px\s+0px\s+([\d.]+)px/);
    return {
      tag: `${focused.tagName.toLowerCase()}${focused.getAttribute('aria-label') ?? ''}#${focused.id}`,
      outline,
      outlineColor: style.outlineColor,
      shadow: shadow ? Number(shadow[2]) : 0,
      shadowColor: shadow?.[1] ?? '',
      background: getComputedStyle(document.body).backgroundColor,
    };
  });
  const useOutline = ring.outline >= ring.shadow;
  const color = useOutline ? ring.outlineColor : ring.shadowColor;
  const background = ring.background === 'rgba(0, 0, 0, 0)' ? 'rgb(255, 255, 255)' : ring.background;
  return {
    tag: ring.tag,
    width: useOutline ? ring.outline : ring.shadow,
    contrast: color ? contrast(color, background) : 0,
  };
}

async function expectRing(page: Page, field: Locator, name: string): Promise<void> {
  await expect
    .poll(() => field.evaluate((el) => el === document.activeElement || el.contains(document.activeElement)))
    .toBe(true);
  const ring = await focusRing(page);
  expect(ring.width, `${name} (${ring.tag}): ring width`).toBeGreaterThanOrEqual(2);
  expect(ring.contrast, `${name} (${ring.tag}): ring contrast`).toBeGreaterThanOrEqual(3);
}

/** Presses Tab until `field` has the focus, as a keyboard user gets there. */
async function tabTo(page: Page, field: Locator, name: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (await field.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${name}`);
}

describe('focus', () => {
  it('text fields show a focus ring of at least 2 px with enough contrast, on sign-in and in a live meeting', async () => {
    const context = await suite.browser.newContext({ baseURL: suite.app.url, locale: 'da-DK' });
    const page = await context.newPage();
    await page.goto('/login');
    const email = page.getByLabel('E-mail');
    await tabTo(page, email, 'E-mail');
    await expectRing(page, email, 'E-mail');
    await page.screenshot({ path: '/tmp/council-focus-login.png' });
    const password = page.getByRole('textbox', { name: 'Adgangskode' });
    await tabTo(page, password, 'Adgangskode');
    await expectRing(page, password, 'Adgangskode');
    const language = page.getByRole('radio', { name: 'Dansk' });
    await tabTo(page, language, 'Sprog');
    await expectRing(page, language, 'Sprog (Dansk)');
    await context.close();

    const meeting = await suite.app.factory.meeting({
      status: 'in-session',
      title: 'Rådsmøde 11/2026',
      content: {
        agenda: [{ id: 'i1', title: 'Rammearkitektur', kind: 'decision', durationMinutes: 30, confidential: false }],
        decisions: { i1: { title: 'Principper', text: 'Rådet vedtager principperne.', status: 'adopted' } },
      },
    });
    const mette = await suite.signIn('chair', 'Mette Kjærgaard');
    await mette.meeting.open(meeting.id);
    const details = mette.page.getByRole('group', { name: 'Punktets detaljer' });
    const fields: [string, Locator][] = [
      ['live item title (LiveText, TextInput)', details.getByRole('textbox', { name: 'Punktets titel' })],
      ['item type (Select)', details.getByLabel('Type', { exact: true })],
      ['decision heading (LiveText)', mette.page.getByRole('textbox', { name: 'Overskrift' })],
      ['decision text (LiveText, Textarea)', mette.page.getByRole('textbox', { name: 'Beslutningstekst' })],
      [
        'new item title (TextInput)',
        mette.page.getByRole('form', { name: 'Tilføj punkt' }).getByRole('textbox', { name: 'Punktets titel' }),
      ],
    ];
    for (const [name, field] of fields) {
      await field.first().waitFor();
      await field.first().focus();
      await expectRing(mette.page, field.first(), name);
      if (name.startsWith('decision text')) {
        await field.first().scrollIntoViewIfNeeded();
        await mette.page.screenshot({ path: '/tmp/council-focus-textarea.png' });
      }
    }
  });

  it('stays on a task or an agenda item after it is moved by keyboard', async () => {
    /** Whether the focused element sits inside the entry `key` (its card or agenda row). */
    const focusIn = (page: Page, key: string) =>
      page.evaluate(
        (k) => document.activeElement?.closest('[data-focus-key]')?.getAttribute('data-focus-key') === k,
        key,
      );

    const lead = await suite.app.factory.person({ role: 'group_lead', name: 'Mads Nielsen' });
    const group = await suite.app.factory.group({ members: [{ personId: lead.id, role: 'lead' }] });
    const { token } = (
      await suite.app.api('POST', '/api/auth/login', { body: { email: lead.email, password: lead.password } })
    ).body;
    for (const title of ['Kortlæg integrationer', 'Beskriv beskedformat']) {
      await suite.app.api('POST', `/api/groups/${group.id}/tasks`, { token, body: { title } });
    }
    const mads = await suite.signInPerson(lead);
    await mads.page.goto(`/groups/${group.id}`);
    const move = mads.page.getByRole('button', { name: 'Flyt «Beskriv beskedformat» til I gang' });
    await move.focus();
    await mads.page.keyboard.press('Enter');
    await mads.page.getByTestId('column-doing').getByText('Beskriv beskedformat').waitFor();
    const card = await mads.page.getByTestId('column-doing').locator('[data-focus-key]').getAttribute('data-focus-key');
    await expect.poll(() => focusIn(mads.page, card ?? '')).toBe(true);
    // Enter again moves it on: focus is on the same control, not merely somewhere in the card.
    await mads.page.keyboard.press('Enter');
    await mads.page.getByTestId('column-blocked').getByText('Beskriv beskedformat').waitFor();
    await expect.poll(() => focusIn(mads.page, card ?? '')).toBe(true);

    const meeting = await suite.app.factory.meeting({
      status: 'draft',
      content: {
        agenda: ['Godkendelse af dagsorden', 'Rammearkitektur', 'Eventuelt'].map((title, i) => ({
          id: `i${i}`,
          title,
          kind: 'discussion' as const,
          durationMinutes: 15,
          confidential: false,
        })),
      },
    });
    const thomas = await suite.signIn('secretary', 'Thomas Lykke');
    await thomas.meeting.open(meeting.id);
    await thomas.page.getByRole('button', { name: 'Flyt «Eventuelt» op' }).focus();
    await thomas.page.keyboard.press('Enter');
    await expect.poll(() => focusIn(thomas.page, 'i2')).toBe(true);
    await thomas.page.keyboard.press('Enter');
    // Now first: "up" is disabled, and focus moved to its "down" rather than to the top of the page.
    await expect.poll(() => focusIn(thomas.page, 'i2')).toBe(true);
    await expect
      .poll(() =>
        thomas.page
          .locator('[data-focus-key]')
          .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-focus-key'))),
      )
      .toEqual(['i2', 'i0', 'i1']);
  });
});
