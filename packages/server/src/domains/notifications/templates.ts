import { fill, type Locale, messages, type Notification, notificationText } from '@council/shared';

export interface Recipient {
  name: string;
  locale: Locale;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Absolute links: the app's pages, and the signed one-click unsubscribe of a kind (or of the digest). */
export interface MailLinks {
  app: (path: string) => string;
  unsubscribe: string;
}

/** Text made safe to put in HTML, as element content or a quoted attribute. */
export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/**
 * The mail of one notification, or the digest of several, in the person's language, as plain text
 * and HTML. Only what the notification holds is used (titles as the council shows them, names,
 * numbers), never the content of an item, so a confidential item's mail says no more than its
 * title and a link that asks for sign-in.
 */
export function renderMail(items: Notification[], to: Recipient, links: MailLinks, digest: boolean): RenderedMail {
  const cat = messages[to.locale];
  const m = cat.notifications.mail;
  const entries = items.map((n) => ({
    text: notificationText(n, cat, to.locale),
    lines: n.lines,
    url: links.app(n.url),
  }));
  const single = digest ? undefined : entries[0];
  const subject = single ? single.text : fill(m.digestSubject, { count: entries.length });
  const settings = links.app('/account');
  const text = [
    `${fill(m.greeting, { name: to.name })},`,
    '',
    ...(single ? [] : [m.digestIntro, '']),
    ...entries.flatMap((e) => [
      single ? e.text : `• ${e.text}`,
      ...e.lines.map((line) => `  ${line}`),
      fill(m.open, { url: e.url }),
      '',
    ]),
    '--',
    fill(m.why, { settings }),
    fill(m.unsubscribe, { url: links.unsubscribe }),
    '',
  ].join('\n');
  const html = `<!doctype html><html lang="${to.locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: system-ui, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; max-width: 36em">
<p>${escapeHtml(fill(m.greeting, { name: to.name }))},</p>
${single ? '' : `<p>${escapeHtml(m.digestIntro)}</p>`}
${entries
  .map(
    (e) => `<div style="margin: 0 0 1.2em">
<p style="margin: 0">${escapeHtml(e.text)}</p>
${e.lines.length ? `<ul style="margin: 0.3em 0">${e.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>` : ''}
<p style="margin: 0.3em 0 0"><a href="${escapeHtml(e.url)}" style="color: #1d4f73">${escapeHtml(m.openButton)}</a></p>
</div>`,
  )
  .join('\n')}
<hr style="border: 0; border-top: 1px solid #ccc">
<p style="font-size: 14px; color: #555">${escapeHtml(fill(m.why, { settings: '' }).replace(/:\s*$/, '.'))}
<a href="${escapeHtml(settings)}" style="color: #1d4f73">${escapeHtml(m.settingsLink)}</a> ·
<a href="${escapeHtml(links.unsubscribe)}" style="color: #1d4f73">${escapeHtml(m.unsubscribeLink)}</a></p>
</body></html>
`;
  return { subject, text, html };
}
