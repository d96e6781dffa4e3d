import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface TestSmtp {
  port: number;
  url: string;
  /** Every mail accepted, parsed, in the order they arrived (none when started without parsing). */
  mails: ParsedMail[];
  /** How many mails were accepted. */
  readonly accepted: number;
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 for the tests (the `smtp-server` package), keeping what it is
 * sent. `port` 0 takes a free one; give the port of a server that was down to bring it back.
 */
export async function startSmtp(port = 0, options: { parse?: boolean } = {}): Promise<TestSmtp> {
  const mails: ParsedMail[] = [];
  let accepted = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // No reverse DNS of 127.0.0.1 per connection: it is slow where there is no resolver.
    disableReverseLookup: true,
    // Council keeps pooled connections open: closing does not wait for them to leave.
    closeTimeout: 100,
    logger: false,
    onData(stream, _session, callback) {
      // A benchmark counts what was accepted without parsing it, which would cost more than sending.
      if (options.parse === false) {
        stream.resume();
        stream.on('end', () => {
          accepted += 1;
          callback();
        });
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const listening = (server.server.address() as AddressInfo).port;
  return {
    port: listening,
    url: `smtp://127.0.0.1:${listening}`,
    mails,
    get accepted() {
      return options.parse === false ? accepted : mails.length;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on (yet): an SMTP server that is down. */
export async function freePort(): Promise<number> {
  const smtp = await startSmtp();
  await smtp.close();
  return smtp.port;
}
