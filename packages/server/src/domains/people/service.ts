import { randomUUID } from 'node:crypto';
import { CreatePerson } from '@council/shared';
import { conflict } from '../../http/errors.ts';
import { invalid, parse } from '../../http/validate.ts';
import { passwordProblem } from '../auth/passwordPolicy.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { PeopleRepo, PersonRow } from './repo.ts';

export class PeopleService {
  constructor(
    private readonly people: PeopleRepo,
    /** Called after a person is created, e.g. to refresh the search index. */
    private readonly onCreated: () => void = () => {},
  ) {}

  async create(input: CreatePerson, id: string = randomUUID()): Promise<PersonRow> {
    const data = parse(CreatePerson, input);
    if (await this.people.emailExists(data.email)) throw conflict(`Someone with the email ${data.email} exists.`);
    const problem = passwordProblem(data.password, data);
    if (problem) throw invalid(['password'], 'Choose a less common password.', problem);
    const person: PersonRow = {
      deactivatedAt: null,
      invitedAt: null,
      twoFactor: false,
      erasedAt: null,
      passwordSignIn: true,
      id,
      email: data.email,
      name: data.name,
      role: data.role,
      organisation: data.organisation,
      title: data.title,
      competencies: data.competencies,
      locale: 'da',
    };
    await this.people.create(person, await hashPassword(data.password));
    this.onCreated();
    return person;
  }
}
