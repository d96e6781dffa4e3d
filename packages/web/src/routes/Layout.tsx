import type { Resource } from '@council/shared';
import {
  Alert,
  Anchor,
  AppShell,
  Badge,
  Burger,
  Button,
  Group,
  NavLink,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { api } from '../api/client.ts';
import { FAILED_SIGN_INS_KEY, useCan, useLogout, useMe, useSignedOutElsewhere } from '../features/auth/useMe.ts';
import { useChangeFeed } from '../features/live/useChangeFeed.ts';
import { NotificationBell } from '../features/notifications/NotificationBell.tsx';
import { useNotifications } from '../features/notifications/useNotifications.ts';
import { SiteFooter } from '../features/site/SiteFooter.tsx';
import { HOME_KEY } from './HomePage.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

const NAV = [
  { to: '/', key: 'nav.home' },
  { to: '/meetings', key: 'nav.meetings' },
  { to: '/decisions', key: 'nav.decisions' },
  { to: '/actions', key: 'nav.councilActions' },
  { to: '/groups', key: 'nav.groups' },
  { to: '/tasks', key: 'nav.myTasks', only: 'work' },
  { to: '/plan', key: 'nav.plan' },
  { to: '/network', key: 'nav.network' },
  { to: '/search', key: 'nav.search' },
  { to: '/notifications', key: 'nav.notifications' },
  { to: '/audit', key: 'nav.audit', only: { type: 'audit' } },
  { to: '/admin/mail', key: 'nav.outgoingMail', only: { type: 'outgoingMail' } },
  { to: '/account', key: 'nav.account' },
] as const satisfies readonly { to: string; key: string; only?: Resource | 'work' }[];

/** Whether a menu entry's page is where the reader is: the home page only at `/`, the others with what is below them. */
const isCurrent = (to: string, pathname: string) => (to === '/' ? pathname === '/' : pathname.startsWith(to));

export function Layout() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const can = useCan();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure();
  const burger = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!opened) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      close();
      burger.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [opened, close]);
  useChangeFeed(!!me);
  useSignedOutElsewhere();
  // My tasks is for those who can be given tasks or action points (the home page says who): others
  // would only ever find it empty. Until the home page has answered, it is shown.
  const home = useQuery({ queryKey: HOME_KEY, queryFn: api.home, enabled: !!me });
  const mayHaveWork = home.data?.blocks.work ?? true;
  // What waits for the person, counted in the menu and kept current by the change feed: work due
  // soon beside My tasks, meetings and volunteers waiting for them beside Home.
  const unread = useNotifications(!!me).data?.unread ?? 0;
  const waiting: Record<string, number> = {
    '/notifications': unread,
    '/': (home.data?.nextSteps.length ?? 0) + (home.data?.volunteers.length ?? 0),
    '/tasks': (home.data?.tasks.length ?? 0) + (home.data?.actions.length ?? 0),
  };

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <Anchor href="#main" className="skip-link">
        {t('app.skipToContent')}
      </Anchor>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger
              ref={burger}
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('nav.openMenu')}
              aria-expanded={opened}
            />
            <Anchor component={Link} to="/" underline="never" c="inherit">
              <Title order={1} size="h3">
                {t('app.name')}
              </Title>
            </Anchor>
            <Text size="sm" c="dimmed" visibleFrom="md">
              {t('app.tagline')}
            </Text>
          </Group>
          <Group wrap="nowrap" gap="sm">
            <ShellSearch />
            {me && <NotificationBell />}
            {me && (
              <Anchor component={Link} to="/account" size="sm" data-testid="signed-in-as" visibleFrom="xs">
                {t('nav.signedInAs', { name: me.name })} · {t(`roles.${me.role}`)}
              </Anchor>
            )}
            <Button
              variant="default"
              size="xs"
              loading={logout.isPending}
              onClick={() =>
                logout.mutate(undefined, {
                  // A session from single sign-on goes on to sign out at the provider, which returns to /login.
                  onSettled: (result) =>
                    result?.endSessionUrl ? window.location.assign(result.endSessionUrl) : navigate('/login'),
                })
              }
            >
              {t('nav.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('nav.main')} component="nav">
        <Stack justify="space-between" h="100%">
          <div>
            {NAV.filter(
              (item) => !('only' in item) || (item.only === 'work' ? mayHaveWork : can('read', item.only)),
            ).map((item) => (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                label={t(item.key)}
                rightSection={<WaitingCount count={waiting[item.to] ?? 0} />}
                active={isCurrent(item.to, location.pathname)}
                aria-current={isCurrent(item.to, location.pathname) ? 'page' : undefined}
                onClick={close}
              />
            ))}
          </div>
          <LanguageSwitch />
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <FailedSignInsNotice />
        <Outlet />
        <SiteFooter />
      </AppShell.Main>
    </AppShell>
  );
}

/**
 * A count beside a menu entry; nothing when there is nothing. The link is named as it reads, with the
 * words a screen reader needs after it (WCAG 2.5.3): "Forside 2 venter på dig".
 */
function WaitingCount({ count }: { count: number }) {
  const { t } = useTranslation();
  if (count === 0) return null;
  return (
    <Badge size="sm" circle data-testid="waiting-count">
      {count}
      <span className="visually-hidden"> {t('nav.waitingForYou')}</span>
    </Badge>
  );
}

/** The search box in the shell; `/` anywhere outside a text field puts the cursor in it. */
function ShellSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const input = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      const typing = target.closest('input, textarea, select, [contenteditable="true"]');
      if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    // biome-ignore lint/a11y/useSemanticElements: <search> is not yet announced by every screen reader; the role is
    <form
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        navigate(`/search?q=${encodeURIComponent(value)}`);
      }}
    >
      <TextInput
        ref={input}
        size="xs"
        type="search"
        aria-label={t('search.label')}
        placeholder={t('search.placeholder')}
        value={value}
        onChange={(e) => setValue(e.currentTarget.value)}
        visibleFrom="sm"
        w={220}
      />
    </form>
  );
}

/** Tells the person, once after signing in, how often someone failed to sign in to their account. */
function FailedSignInsNotice() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { data: count } = useQuery<number>({ queryKey: FAILED_SIGN_INS_KEY, queryFn: () => 0, staleTime: Infinity });
  if (!count) return null;
  return (
    <Alert
      color="orange"
      mb="md"
      role="alert"
      withCloseButton
      closeButtonLabel={t('app.close')}
      onClose={() => client.setQueryData(FAILED_SIGN_INS_KEY, 0)}
      data-testid="failed-sign-ins"
    >
      {t('login.failedSince', { count })}
    </Alert>
  );
}
