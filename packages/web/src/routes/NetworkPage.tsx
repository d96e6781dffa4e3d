import { type Invitation, LIMITS, type Me, type Person, ROLES, type Role } from '@council/shared';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Menu,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Table,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { ME_KEY, useCan, useMe } from '../features/auth/useMe.ts';
import { bindText } from '../features/forms/bindText.ts';
import { announced, useErrorText } from '../features/forms/errors.tsx';
import { GuardedModal } from '../features/forms/GuardedModal.tsx';
import { useCreate } from '../features/forms/useCreate.ts';
import { useUrlFilters } from '../features/forms/useUrlFilters.ts';
import { SIGN_IN_SETTINGS_KEY, SignInPanel } from '../features/people/SignInPanel.tsx';
import { EmptyState, PageLoader, QueryError } from './states.tsx';

/** The network of architects: filter by competence and organisation, edit your profile, admins set roles. */
export function NetworkPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { data: me } = useMe();
  const { params, set } = useUrlFilters();
  const filter = {
    competence: params.get('competence') ?? undefined,
    organisation: params.get('organisation') ?? undefined,
  };
  const [q] = useDebouncedValue(params.get('q') ?? '', 250);
  const everyone = useQuery({ queryKey: ['people'], queryFn: () => api.people() });
  const people = useQuery({
    queryKey: ['people', filter, q],
    queryFn: () => api.people({ ...filter, q: q || undefined }),
  });
  const competencies = [...new Set((everyone.data ?? []).flatMap((p) => p.competencies))].sort((a, b) =>
    a.localeCompare(b, 'da'),
  );
  const organisations = [...new Set((everyone.data ?? []).map((p) => p.organisation).filter(Boolean))].sort((a, b) =>
    a.localeCompare(b, 'da'),
  );
  const isAdmin = can('manage', { type: 'people' });

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('network.title')}</Title>
        <Group gap="xs">
          {me && <ProfileButton me={me} />}
          {can('create', { type: 'people' }) && <InviteButton />}
        </Group>
      </Group>
      {isAdmin && <SignInPanel />}
      <Group align="flex-end" role="search" aria-label={t('network.search')}>
        <TextInput
          label={t('network.search')}
          value={params.get('q') ?? ''}
          onChange={(e) => set('q', e.currentTarget.value)}
          w={280}
        />
        <Select
          label={t('network.competence')}
          placeholder={t('network.anyCompetence')}
          clearable
          searchable
          value={filter.competence ?? null}
          onChange={(v) => set('competence', v)}
          data={competencies}
          w={200}
        />
        <Select
          label={t('network.organisation')}
          placeholder={t('network.anyCompetence')}
          clearable
          searchable
          value={filter.organisation ?? null}
          onChange={(v) => set('organisation', v)}
          data={organisations}
          w={220}
        />
      </Group>
      {people.isPending ? (
        <PageLoader />
      ) : people.isError ? (
        <QueryError error={people.error} onRetry={() => people.refetch()} />
      ) : people.data.length === 0 ? (
        <EmptyState>{t('network.empty')}</EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('network.name')}</Table.Th>
                <Table.Th scope="col">{t('network.organisation')}</Table.Th>
                <Table.Th scope="col">{t('network.role')}</Table.Th>
                <Table.Th scope="col">{t('network.competencies')}</Table.Th>
                {isAdmin && <Table.Th scope="col">{t('network.account')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {people.data.map((p) => (
                <Table.Tr key={p.id} id={`person-${p.id}`}>
                  <Table.Td>
                    {p.name}
                    {p.passwordSignIn === false && !p.erasedAt && (
                      <Badge ml="xs" color="grape" variant="light">
                        {t('identity.signIn.ssoOnly')}
                      </Badge>
                    )}
                    {isAdmin && p.twoFactor && (
                      <Badge ml="xs" color="teal" variant="light">
                        {t('identity.invite.twoFactorOn')}
                      </Badge>
                    )}
                    {p.invitedAt && !p.deactivatedAt && (
                      <Badge ml="xs" color="blue" variant="light">
                        {t('identity.invite.invited')}
                      </Badge>
                    )}
                    {p.deactivatedAt && (
                      <Badge ml="xs" color="gray" variant="light">
                        {t('network.deactivated')}
                      </Badge>
                    )}
                    <br />
                    <small>{p.title}</small>
                  </Table.Td>
                  <Table.Td>
                    {p.organisation}
                    {(p.groupNames ?? []).map((g) => (
                      <div key={g.id}>
                        <Anchor component={Link} to={`/groups/${g.id}`} size="xs">
                          {g.name}
                        </Anchor>
                      </div>
                    ))}
                  </Table.Td>
                  <Table.Td>{isAdmin && p.id !== me?.id ? <RoleSelect person={p} /> : t(`roles.${p.role}`)}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {p.competencies.map((c) => (
                        <Badge
                          key={c}
                          variant="outline"
                          size="sm"
                          style={{ cursor: 'pointer' }}
                          onClick={() => set('competence', c)}
                        >
                          {c}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  {isAdmin && <Table.Td>{p.id !== me?.id && <AccountActions person={p} />}</Table.Td>}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function RoleSelect({ person }: { person: Person }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const setRole = useMutation({
    mutationFn: (role: Role) => api.setRole(person.id, role),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['people'] }),
  });
  return (
    <Select
      size="xs"
      aria-label={t('network.roleFor', { name: person.name })}
      value={person.role}
      allowDeselect={false}
      disabled={setRole.isPending}
      onChange={(v) => v && setRole.mutate(v as Role)}
      data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
      error={setRole.error?.message}
    />
  );
}

/** An admin's hold on someone's account: a new password, deactivation (confirmed) and reactivation. */
function AccountActions({ person }: { person: Person }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<'deactivate' | 'password' | 'invitation' | 'twoFactor' | 'erase' | null>(null);
  const [password, setPassword] = useState('');
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['people'] });
  const setActive = useMutation({
    mutationFn: (active: boolean) => api.setActive(person.id, active),
    onSuccess: () => {
      setDialog(null);
      refresh();
    },
  });
  const reset = useMutation({ mutationFn: () => api.resetPassword(person.id, password) });
  const reinvite = useMutation({ mutationFn: () => api.reinvitePerson(person.id), onSuccess: refresh });
  const resetTwoFactor = useMutation({ mutationFn: () => api.resetTwoFactor(person.id), onSuccess: refresh });
  const [typedName, setTypedName] = useState('');
  // The name as it was when the dialog opened: once erased, the person is called by a pseudonym.
  const [erasing, setErasing] = useState(person.name);
  const erase = useMutation({ mutationFn: () => api.erasePerson(person.id), onSuccess: refresh });
  const signIn = useQuery({ queryKey: SIGN_IN_SETTINGS_KEY, queryFn: api.signInSettings });
  const passwordSignIn = useMutation({
    mutationFn: (allowed: boolean) => api.setPasswordSignIn(person.id, allowed),
    onSuccess: refresh,
  });
  const close = () => {
    setTypedName('');
    erase.reset();
    setDialog(null);
    setPassword('');
    reset.reset();
    setActive.reset();
    reinvite.reset();
    resetTwoFactor.reset();
  };
  const name = { name: person.name };
  if (person.erasedAt && !erase.data) {
    return (
      <Badge color="gray" variant="outline">
        {t('identity.erase.erased')}
      </Badge>
    );
  }
  const nameTyped = typedName.trim().toLocaleLowerCase('da') === erasing.trim().toLocaleLowerCase('da');
  return (
    <Group gap={4}>
      {person.invitedAt ? (
        <Button
          size="xs"
          variant="default"
          onClick={() => {
            setDialog('invitation');
            reinvite.mutate();
          }}
          aria-label={t('identity.invite.againNamed', name)}
        >
          {t('identity.invite.again')}
        </Button>
      ) : (
        <Button
          size="xs"
          variant="default"
          onClick={() => setDialog('password')}
          aria-label={t('network.setPasswordNamed', name)}
        >
          {t('network.setPassword')}
        </Button>
      )}

      {person.deactivatedAt ? (
        <Button
          size="xs"
          variant="default"
          loading={setActive.isPending}
          onClick={() => setActive.mutate(true)}
          aria-label={t('network.reactivateNamed', name)}
        >
          {t('network.reactivate')}
        </Button>
      ) : (
        <Button
          size="xs"
          color="red"
          variant="light"
          onClick={() => setDialog('deactivate')}
          aria-label={t('network.deactivateNamed', name)}
        >
          {t('network.deactivate')}
        </Button>
      )}
      {setActive.error && !dialog && (
        <Text size="xs" c="red">
          {errorText.message(setActive.error)}
        </Text>
      )}
      <Modal opened={dialog === 'deactivate'} onClose={close} title={t('network.deactivateNamed', name)}>
        <Stack>
          <Text>{t('network.deactivateConfirm', name)}</Text>
          {setActive.error && <Alert color="red">{errorText.message(setActive.error)}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('network.cancel')}
            </Button>
            <Button color="red" loading={setActive.isPending} onClick={() => setActive.mutate(false)}>
              {t('network.deactivate')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button size="xs" variant="subtle" aria-label={t('identity.signIn.more', name)}>
            …
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {signIn.data?.singleSignOn || !person.passwordSignIn ? (
            <Menu.Item onClick={() => passwordSignIn.mutate(!person.passwordSignIn)}>
              {person.passwordSignIn ? t('identity.signIn.personOff') : t('identity.signIn.personOn')}
            </Menu.Item>
          ) : null}
          {person.twoFactor && (
            <Menu.Item onClick={() => setDialog('twoFactor')}>{t('identity.invite.resetTwoFactor')}</Menu.Item>
          )}
          <Menu.Item
            color="red"
            onClick={() => {
              setErasing(person.name);
              setDialog('erase');
            }}
          >
            {t('identity.erase.button')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {passwordSignIn.error && (
        <Text size="xs" c="red">
          {errorText.message(passwordSignIn.error)}
        </Text>
      )}
      <Modal opened={dialog === 'erase'} onClose={close} title={t('identity.erase.named', { name: erasing })}>
        {erase.data ? (
          <Stack>
            <Alert color="green" role="status">
              {t('identity.erase.done', { name: erasing, pseudonym: erase.data.pseudonym })}
            </Alert>
            <Group justify="flex-end">
              <Button onClick={close}>{t('app.close')}</Button>
            </Group>
          </Stack>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (nameTyped) erase.mutate();
            }}
          >
            <Stack>
              <Text size="sm">{t('identity.erase.intro')}</Text>
              {erase.error && <Alert color="red">{errorText.message(erase.error)}</Alert>}
              <TextInput
                label={t('identity.erase.typeName')}
                description={erasing}
                autoComplete="off"
                data-autofocus
                value={typedName}
                onChange={(e) => setTypedName(e.currentTarget.value)}
              />
              <Group justify="flex-end">
                <Button variant="default" onClick={close}>
                  {t('network.cancel')}
                </Button>
                <Button type="submit" color="red" loading={erase.isPending} disabled={!nameTyped}>
                  {t('identity.erase.confirm')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
      <Modal opened={dialog === 'invitation'} onClose={close} title={t('identity.invite.againNamed', name)}>
        <Stack>
          {reinvite.isPending && <Text size="sm">{t('app.loading')}</Text>}
          {reinvite.error && <Alert color="red">{errorText.message(reinvite.error)}</Alert>}
          {reinvite.data && <InvitationSent invitation={reinvite.data} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('app.close')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={dialog === 'twoFactor'} onClose={close} title={t('identity.invite.resetTwoFactorNamed', name)}>
        <Stack>
          <Text>{t('identity.invite.resetTwoFactorConfirm', name)}</Text>
          {resetTwoFactor.error && <Alert color="red">{errorText.message(resetTwoFactor.error)}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('network.cancel')}
            </Button>
            <Button
              color="red"
              loading={resetTwoFactor.isPending}
              onClick={() => resetTwoFactor.mutate(undefined, { onSuccess: close })}
            >
              {t('identity.invite.resetTwoFactor')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={dialog === 'password'} onClose={close} title={t('network.setPasswordNamed', name)}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            reset.mutate();
          }}
        >
          <Stack>
            {reset.isSuccess ? (
              <Alert color="green" role="status">
                {t('network.passwordSet', name)}
              </Alert>
            ) : (
              <>
                <Text size="sm">{t('network.setPasswordIntro', name)}</Text>
                {reset.error && <Alert color="red">{errorText.message(reset.error)}</Alert>}
                <PasswordInput
                  label={t('network.password')}
                  autoComplete="new-password"
                  required
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  error={errorText.fields(reset.error).password}
                />
              </>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {reset.isSuccess ? t('app.close') : t('network.cancel')}
              </Button>
              {!reset.isSuccess && (
                <Button type="submit" loading={reset.isPending} disabled={password.length < LIMITS.passwordMinLength}>
                  {t('network.setPassword')}
                </Button>
              )}
            </Group>
          </Stack>
        </form>
      </Modal>
    </Group>
  );
}

function ProfileButton({ me }: { me: Me }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const [form, setForm] = useState({
    name: me.name,
    title: me.title,
    organisation: me.organisation,
    competencies: me.competencies,
  });
  const save = useMutation({
    mutationFn: () => api.updateProfile(form),
    onSuccess: (updated) => {
      queryClient.setQueryData(ME_KEY, updated);
      void queryClient.invalidateQueries({ queryKey: ['people'] });
      setOpened(false);
    },
  });
  return (
    <>
      <Button variant="default" onClick={() => setOpened(true)}>
        {t('network.myProfile')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('network.myProfile')}>
        <Stack>
          {save.error && <Alert color="red">{errorText.message(save.error)}</Alert>}
          <TextInput
            label={t('network.name')}
            required
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
          />
          <TextInput
            label={t('network.jobTitle')}
            value={form.title}
            onChange={(e) => setForm({ ...form, title: e.currentTarget.value })}
          />
          <TextInput
            label={t('network.organisation')}
            value={form.organisation}
            onChange={(e) => setForm({ ...form, organisation: e.currentTarget.value })}
          />
          <TagsInput
            label={t('network.competencies')}
            value={form.competencies}
            onChange={(competencies) => setForm({ ...form, competencies })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              {t('network.cancel')}
            </Button>
            <Button loading={save.isPending} disabled={!form.name.trim()} onClick={() => save.mutate()}>
              {t('network.save')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function InviteButton() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const empty = { email: '', name: '', organisation: '', title: '', role: 'network_architect' as Role };
  const [form, setForm] = useState(empty);
  const [sent, setSent] = useState<Invitation | null>(null);
  const [tried, setTried] = useState(false);
  const invite = useCreate((key) => api.invitePerson(form, key), {
    onSuccess: (invitation) => {
      void queryClient.invalidateQueries({ queryKey: ['people'] });
      setForm(empty);
      setSent(invitation);
    },
  });
  const text = bindText(form, setForm, errorText.fields(invite.error));
  // Closed, the dialog forgets what was typed: reopened, it starts clean.
  const close = () => {
    setOpened(false);
    setForm(empty);
    setSent(null);
    setTried(false);
    invite.reset();
  };
  return (
    <>
      <Button onClick={() => setOpened(true)}>{t('network.invite')}</Button>
      <GuardedModal
        opened={opened}
        onClose={close}
        dirty={JSON.stringify(form) !== JSON.stringify(empty)}
        title={t('network.invite')}
      >
        {sent ? (
          <Stack>
            <InvitationSent invitation={sent} />
            <Group justify="flex-end">
              <Button onClick={close}>{t('app.close')}</Button>
            </Group>
          </Stack>
        ) : (
          /* A form, so that Enter in any field sends it, as in the other dialogs. */
          <Stack
            component="form"
            // The app says what is missing, in the reader's language, not the browser.
            {...{ noValidate: true }}
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              setTried(true);
              if (form.email.trim() && form.name.trim()) invite.submit();
            }}
          >
            <Text size="sm">{t('identity.invite.intro')}</Text>
            {invite.error && <Alert color="red">{errorText.message(invite.error)}</Alert>}
            <TextInput
              label={t('network.email')}
              type="email"
              required
              {...text('email')}
              error={announced(text('email').error || (tried && !form.email.trim() && t('errors.fields.required')))}
            />
            <TextInput
              label={t('network.name')}
              required
              {...text('name')}
              error={announced(text('name').error || (tried && !form.name.trim() && t('errors.fields.required')))}
            />
            <TextInput label={t('network.organisation')} {...text('organisation')} />
            <TextInput label={t('network.jobTitle')} {...text('title')} />
            <Select
              label={t('network.role')}
              value={form.role}
              allowDeselect={false}
              onChange={(v) => v && setForm({ ...form, role: v as Role })}
              data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('network.cancel')}
              </Button>
              <Button type="submit" loading={invite.isPending}>
                {t('identity.invite.send')}
              </Button>
            </Group>
          </Stack>
        )}
      </GuardedModal>
    </>
  );
}

/** An invitation on its way: said to be sent, or, without a mail server, its link for the admin to pass on. */
function InvitationSent({ invitation }: { invitation: Invitation }) {
  const { t } = useTranslation();
  const { person, link } = invitation;
  if (!link) {
    return (
      <Alert color="green" role="status">
        {t('identity.invite.sent', { email: person.email })}
      </Alert>
    );
  }
  return (
    <Stack gap="xs" role="status">
      <Text size="sm">{t('identity.invite.noMail', { name: person.name })}</Text>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Code data-testid="invitation-link" style={{ wordBreak: 'break-all', flex: 1 }}>
          {link}
        </Code>
        <CopyButton value={link}>
          {({ copied, copy }) => (
            <Button size="xs" variant="default" onClick={copy}>
              {copied ? t('account.calendar.copied') : t('account.calendar.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}
