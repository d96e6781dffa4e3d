import '@mantine/core/styles.css';
import './styles.css';
import {
  type CSSVariablesResolver,
  createTheme,
  defaultVariantColorsResolver,
  MantineProvider,
  Modal,
  mergeThemeOverrides,
  PasswordInput,
  type VariantColorsResolver,
} from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ComponentType, lazy, StrictMode, Suspense, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiError } from './api/client.ts';
import { RequireAuth } from './features/auth/RequireAuth.tsx';
import { i18n } from './i18n/index.ts';
import { HomePage } from './routes/HomePage.tsx';
import { Layout } from './routes/Layout.tsx';
import { LoginPage } from './routes/LoginPage.tsx';
import { MeetingsPage } from './routes/MeetingsPage.tsx';
import { NotFoundPage } from './routes/NotFoundPage.tsx';
import { RouteError } from './routes/RouteError.tsx';
import { PageLoader } from './routes/states.tsx';

/**
 * A page loaded when first visited. Only sign-in, the home page, where signing in lands, and the
 * meetings list are in the first download; the live pages bring Yjs, the provider and the editor with them.
 */
function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  const Page = lazy(async () => ({ default: (await load())[name] as ComponentType }));
  return (
    <Suspense fallback={<PageLoader />}>
      <Page />
    </Suspense>
  );
}

// One element for both plan routes, so that choosing a plan keeps the page mounted.
const planPage = lazyPage(() => import('./routes/PlanPage.tsx'), 'PlanPage');

/** One calm, civic theme: a deep municipal blue, generous spacing, visible focus. */
// Mantine's light variants put shade-9 text on a tint: green, orange and yellow fall short of 4.5:1.
// Near-black text on the tint keeps the colour cue and passes WCAG AA.
const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  return input.variant === 'light' ? { ...colors, color: 'var(--mantine-color-black)' } : colors;
};

const theme = createTheme({
  variantColorResolver,
  primaryColor: 'civic',
  colors: {
    civic: [
      '#eaf2f8',
      '#d3e2ee',
      '#a6c4dc',
      '#76a5ca',
      '#4f8bba',
      '#387bb0',
      '#2a6a9c',
      '#1d4f73',
      '#174362',
      '#0d3550',
    ],
  },
  primaryShade: 7,
  defaultRadius: 'sm',
  focusRing: 'always',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
});

// Mantine's default dimmed grey is 3.3:1 on white; WCAG AA needs 4.5:1 for body text.
const cssVariables: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#575e65' },
  dark: {},
});

// One more try for what may pass on its own (the network, the server); none for what the API
// refused (404 for what does not exist or may not be seen): it would answer the same.
const retry = (failures: number, error: unknown) =>
  failures < 1 && !(error instanceof ApiError && error.status >= 400 && error.status < 500);
const queryClient = new QueryClient({ defaultOptions: { queries: { retry, refetchOnWindowFocus: false } } });

// Errors inside a page show in the app's frame, so that the menu stays; errors in the frame itself,
// or on the sign-in page, on a page of their own. Never React Router's developer screen.
const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteError standalone /> },
  {
    path: '/forgot-password',
    element: lazyPage(() => import('./routes/ForgotPasswordPage.tsx'), 'ForgotPasswordPage'),
    errorElement: <RouteError standalone />,
  },
  {
    path: '/set-password',
    element: lazyPage(() => import('./routes/SetPasswordPage.tsx'), 'SetPasswordPage'),
    errorElement: <RouteError standalone />,
  },
  // Public, like sign-in: the law asks that anyone can read the accessibility statement.
  {
    path: '/accessibility',
    element: lazyPage(() => import('./routes/AccessibilityPage.tsx'), 'AccessibilityPage'),
    errorElement: <RouteError standalone />,
  },
  {
    element: (
      <RequireAuth>
        <Layout />
      </RequireAuth>
    ),
    errorElement: <RouteError standalone />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'meetings', element: <MeetingsPage /> },
          {
            path: 'meetings/templates',
            element: lazyPage(() => import('./routes/TemplatesPage.tsx'), 'TemplatesPage'),
          },
          { path: 'meetings/:id', element: lazyPage(() => import('./routes/MeetingPage.tsx'), 'default') },
          {
            path: 'meetings/:id/papers/:paperId',
            element: lazyPage(() => import('./routes/PaperPage.tsx'), 'default'),
          },
          { path: 'decisions', element: lazyPage(() => import('./routes/DecisionsPage.tsx'), 'DecisionsPage') },
          { path: 'decisions/:number', element: lazyPage(() => import('./routes/DecisionPage.tsx'), 'DecisionPage') },
          { path: 'groups', element: lazyPage(() => import('./routes/GroupsPage.tsx'), 'GroupsPage') },
          { path: 'groups/:id', element: lazyPage(() => import('./routes/GroupPage.tsx'), 'default') },
          { path: 'tasks', element: lazyPage(() => import('./routes/MyTasksPage.tsx'), 'MyTasksPage') },
          {
            path: 'actions',
            element: lazyPage(() => import('./routes/CouncilActionsPage.tsx'), 'CouncilActionsPage'),
          },
          { path: 'plan', element: planPage },
          { path: 'plan/:id', element: planPage },
          {
            path: 'plan/:planId/initiatives/:id',
            element: lazyPage(() => import('./routes/InitiativePage.tsx'), 'default'),
          },
          { path: 'audit', element: lazyPage(() => import('./routes/AuditPage.tsx'), 'AuditPage') },
          { path: 'network', element: lazyPage(() => import('./routes/NetworkPage.tsx'), 'NetworkPage') },
          { path: 'account', element: lazyPage(() => import('./routes/AccountPage.tsx'), 'AccountPage') },
          { path: 'search', element: lazyPage(() => import('./routes/SearchPage.tsx'), 'SearchPage') },
          {
            path: 'notifications',
            element: lazyPage(() => import('./routes/NotificationsPage.tsx'), 'NotificationsPage'),
          },
          { path: 'admin/mail', element: lazyPage(() => import('./routes/OutgoingMailPage.tsx'), 'OutgoingMailPage') },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

/**
 * The theme in the reader's language: every dialog's close button and every password field's
 * show/hide button says what it does.
 */
function ThemedApp() {
  const { t } = useTranslation();
  const close = t('app.close');
  const showPassword = t('login.showPassword');
  const themed = useMemo(
    () =>
      mergeThemeOverrides(theme, {
        components: {
          Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': close } } }),
          PasswordInput: PasswordInput.extend({
            defaultProps: { visibilityToggleButtonProps: { 'aria-label': showPassword } },
          }),
        },
      }),
    [close, showPassword],
  );
  return (
    <MantineProvider theme={themed} cssVariablesResolver={cssVariables}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <ThemedApp />
    </I18nextProvider>
  </StrictMode>,
);
