import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  /** Stable per mail: a resend after a crash carries the same Message-ID, so mail programs see one. */
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  /** A meeting invitation's event: nodemailer adds it as the text/calendar part calendar programs answer. */
  icalEvent?: { method: 'REQUEST' | 'CANCEL'; content: string; filename: string };
}

export interface MailTransport {
  /** Resolves once the mail is accepted (by the SMTP server, or written to disk); rejects otherwise. */
  send(mail: OutgoingMail, id: number): Promise<void>;
  /** Where mail goes, for the admins' page: 'smtp' or 'files'. */
  readonly kind: 'smtp' | 'files';
  close(): void;
}

/**
 * Through the SMTP server `COUNCIL_SMTP_URL` names (`smtp://user:pass@host:587`, `smtps://…`), over
 * a pool of kept-open connections (nodemailer's `pool=true`, unless the URL says otherwise): a new
 * connection per mail costs a handshake, and a digest morning sends many.
 */
export function smtpTransport(url: string): MailTransport {
  const pooled = /[?&]pool=/.test(url) ? url : `${url}${url.includes('?') ? '&' : '?'}pool=true`;
  const transporter = nodemailer.createTransport(pooled);
  return {
    kind: 'smtp',
    async send(mail) {
      await transporter.sendMail(mail);
    },
    close: () => transporter.close(),
  };
}

/**
 * Without a mail server: each mail is written as `<dir>/<id>.eml`, to a temporary file renamed when
 * complete, so a file is always whole, and a resend of the same mail writes the same file.
 */
export function fileTransport(dir: string): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    kind: 'files',
    async send(mail, id) {
      const { message } = (await transporter.sendMail(mail)) as { message: Buffer };
      await fs.mkdir(dir, { recursive: true });
      const file = path.join(dir, `${id}.eml`);
      await fs.writeFile(`${file}.tmp`, message);
      await fs.rename(`${file}.tmp`, file);
    },
    close: () => transporter.close(),
  };
}
