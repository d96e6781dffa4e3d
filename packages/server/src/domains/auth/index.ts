import type { Config } from '../../config.ts';
import type { Db } from '../../db/connection.ts';
import { serverSecret } from '../../db/serverSecret.ts';
import type { MailOutbox } from '../notifications/mailOutbox.ts';
import type { Repos } from '../repos.ts';
import { accountLinkUrl, accountMail } from './accountMail.ts';
import { AccountService } from './accounts.ts';
import { AccountTokens } from './accountTokens.ts';
import { AuthService } from './service.ts';
import { SignInSettings } from './signInSettings.ts';
import { TwoFactor } from './twoFactor.ts';

/**
 * Sign-in and accounts, put together: `auth` (sessions, and the second step of a sign-in) first,
 * since the collaboration server needs it; `mail` for the mail sender, which writes an account
 * link's mail when it goes; `accounts` once the mail outbox exists.
 */
export function createIdentity(
  db: Db,
  repos: Pick<Repos, 'people' | 'sessions' | 'audit'>,
  config: Pick<Config, 'totpRequiredRoles' | 'smtpUrl'>,
  appUrl: () => string,
  onSessionEnded: (sessionId: string) => void = () => {},
) {
  const tokens = new AccountTokens(db, serverSecret(db, 'account-links'));
  const twoFactor = new TwoFactor(db, 'Council');
  const signIn = new SignInSettings(db);
  const auth = new AuthService(repos.people, repos.sessions, repos.audit, Date.now, onSessionEnded, {
    passwordAllowed: (person) => signIn.passwordAllowed(person),
    tokens,
    twoFactor,
    requiredRoles: config.totpRequiredRoles,
    labelOf: (person) => person.email,
  });
  return {
    auth,
    signIn,
    mail: accountMail(tokens, appUrl),
    /** Without an outbox (the command line), links are made but no mail is written. */
    accounts(
      outbox: MailOutbox | null,
      mailWritten: () => void = () => {},
      singleSignOn: () => boolean = () => false,
    ): AccountService {
      return new AccountService(repos.people, repos.audit, auth, {
        db,
        tokens,
        twoFactor,
        twoFactorRoles: config.totpRequiredRoles,
        signIn,
        singleSignOn,
        enqueueLinkMail: (personId, tokenId) =>
          outbox?.enqueue(
            { recipientId: personId, dedupeKey: `account:${tokenId}`, accountTokenId: tokenId },
            new Date().toISOString(),
          ),
        mailWritten,
        mailIsSent: config.smtpUrl !== null,
        linkUrl: (token) => accountLinkUrl(appUrl(), token),
      });
    },
  };
}
