import { parseArgs } from 'node:util';
import { CreatePerson } from '@council/shared';
import { blobDirOf, configFromEnv } from './config.ts';
import { openDatabase } from './db/connection.ts';
import { createIdentity } from './domains/auth/index.ts';
import { DiskBlobStore } from './domains/papers/blobStore.ts';
import { PeopleRepo } from './domains/people/repo.ts';
import { PeopleService } from './domains/people/service.ts';
import { createRepos } from './domains/repos.ts';
import { HttpError } from './http/errors.ts';
import { backupBlobsOf, backupDatabase, collectGarbage, reindex, restoreDatabase } from './ops/maintenance.ts';

const USAGE = `Usage: pnpm council <command>

  create-person --email E --name N --role R [--organisation O] [--title T]
  reset-password --email E
  password-sign-in on    allow password sign-in for everyone again (should single sign-on fail)
  backup <file>          online backup while the server runs (papers' files go to <file>.blobs/)
  restore <file>         replace the database with a backup, papers' files included (server stopped)
  reindex                rebuild read models from the documents
  gc [--grace-hours H]   remove papers' files nothing refers to, older than H hours (default 24)

Passwords are read from COUNCIL_PASSWORD or standard input. The database is COUNCIL_DB or ./data/council.sqlite.`;

async function readPassword(): Promise<string> {
  if (process.env.COUNCIL_PASSWORD) return process.env.COUNCIL_PASSWORD;
  if (process.stdin.isTTY) process.stderr.write('Password: ');
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  return input.split('\n')[0]?.trim() ?? '';
}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      organisation: { type: 'string' },
      title: { type: 'string' },
      'grace-hours': { type: 'string' },
    },
  });
  const [command, file] = positionals;
  const config = configFromEnv();

  switch (command) {
    case 'create-person': {
      const db = openDatabase(config.databaseFile);
      const input = CreatePerson.parse({ ...values, password: await readPassword() });
      const person = await new PeopleService(new PeopleRepo(db)).create(input);
      console.log(`Created ${person.name} <${person.email}> as ${person.role} (${person.id}).`);
      db.close();
      return;
    }
    case 'reset-password': {
      const db = openDatabase(config.databaseFile);
      const repos = createRepos(db);
      const person = (await repos.people.credentialsByEmail(CreatePerson.shape.email.parse(values.email)))?.person;
      if (!person) throw new Error(`Nobody has the email ${values.email}.`);
      const password = CreatePerson.shape.password.parse(await readPassword());
      await createIdentity(db, repos, config, () => '')
        .accounts(null)
        .resetPassword(null, person.id, password);
      // A running server sees the ended sessions within a second and closes their live connections.
      console.log(`Password reset for ${values.email}; every session of theirs has ended.`);
      db.close();
      return;
    }
    case 'password-sign-in': {
      if (file !== 'on') throw new Error('password-sign-in takes "on"; admins turn it off in the app.');
      const db = openDatabase(config.databaseFile);
      await createIdentity(db, createRepos(db), config, () => '')
        .accounts(null)
        .setPasswordSignIn(null, null, true);
      console.log('Password sign-in is on for everyone (people an admin turned it off for stay off).');
      db.close();
      return;
    }
    case 'backup': {
      if (!file) throw new Error('backup needs a destination file');
      const db = openDatabase(config.databaseFile);
      const blobs = await backupDatabase(db, file, new DiskBlobStore(blobDirOf(config)));
      console.log(`Backed up ${config.databaseFile} to ${file}, and ${blobs} paper files to ${backupBlobsOf(file)}.`);
      db.close();
      return;
    }
    case 'restore': {
      if (!file) throw new Error('restore needs a backup file');
      restoreDatabase(file, config.databaseFile, blobDirOf(config));
      console.log(`Restored ${config.databaseFile} from ${file}.`);
      return;
    }
    case 'gc': {
      const hours = Number(values['grace-hours'] ?? 24);
      if (!Number.isFinite(hours) || hours < 0) throw new Error('--grace-hours must be a number of hours');
      const db = openDatabase(config.databaseFile);
      const { removed, kept } = collectGarbage(db, new DiskBlobStore(blobDirOf(config)), hours * 3_600_000);
      console.log(`Removed ${removed} paper files nothing refers to; kept ${kept}.`);
      db.close();
      return;
    }
    case 'reindex': {
      const db = openDatabase(config.databaseFile);
      console.log(`Reindexed ${await reindex(db)} documents.`);
      db.close();
      return;
    }
    default:
      console.log(USAGE);
      if (command) process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof HttpError)
    console.error(`${error.message}${error.issues ? ` ${JSON.stringify(error.issues)}` : ''}`);
  else if (error instanceof Error && 'issues' in error) console.error(`Invalid input: ${JSON.stringify(error.issues)}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
