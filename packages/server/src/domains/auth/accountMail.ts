import { fill, messages } from '@council/shared';
import { escapeHtml, type Recipient, type RenderedMail } from '../notifications/templates.ts';
import type { AccountTokens } from './accountTokens.ts';

/** The page a link opens: the token after `#`, so it never reaches a server's access log or a Referer. */
export const accountLinkUrl = (appUrl: string, token: string) => `${appUrl}/set-password#${token}`;

/**
 * The mail of an invitation or a password reset, in the person's language, written when it is
 * sent (the token is made again from its id): nothing if the link has been spent or replaced since.
 */
export function accountMail(tokens: AccountTokens, appUrl: () => string, now: () => number = Date.now) {
  return (tokenId: string, to: Recipient): RenderedMail | null => {
    const row = tokens.byId(tokenId);
    if (!row || row.usedAt || new Date(row.expiresAt).getTime() <= now() || row.purpose === 'two_factor') return null;
    const m = messages[to.locale].identity.mail;
    const url = accountLinkUrl(appUrl(), tokens.tokenOf(row.id, row.purpose));
    const until = new Intl.DateTimeFormat(to.locale === 'da' ? 'da-DK' : 'en-GB', {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: 'Europe/Copenhagen',
    }).format(new Date(row.expiresAt));
    const kind = row.purpose === 'invite' ? m.invite : m.reset;
    const lines = [fill(kind.body, { app: appUrl() }), fill(m.validUntil, { until }), kind.ignore];
    const text = [`${fill(m.greeting, { name: to.name })},`, '', lines[0], '', url, '', ...lines.slice(1), ''].join(
      '\n',
    );
    const html = `<!doctype html><html lang="${to.locale}"><head><meta charset="utf-8"><title>${escapeHtml(kind.subject)}</title></head>
<body style="font-family: system-ui, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; max-width: 36em">
<p>${escapeHtml(fill(m.greeting, { name: to.name }))},</p>
<p>${escapeHtml(lines[0] as string)}</p>
<p><a href="${escapeHtml(url)}" style="color: #1d4f73">${escapeHtml(kind.button)}</a></p>
<p>${escapeHtml(lines[1] as string)}</p>
<p style="font-size: 14px; color: #555">${escapeHtml(lines[2] as string)}</p>
</body></html>
`;
    return { subject: kind.subject, text, html };
  };
}
