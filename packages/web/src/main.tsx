import '@mantine/core/styles.css';
import './styles.css';
import {
  type CSSVariablesResolver,
  createTheme,
  defaultVariantColorsResolver,
  MantineProvider,
  type VariantColorsResolver,
} from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { RequireAuth } from './features/auth/RequireAuth.tsx';
import { i18n } from './i18n/index.ts';
import { DecisionPage } from './routes/DecisionPage.tsx';
import { DecisionsPage } from './routes/DecisionsPage.tsx';
import { GroupsPage } from './routes/GroupsPage.tsx';
import { Layout } from './routes/Layout.tsx';
import { LoginPage } from './routes/LoginPage.tsx';
import { MeetingsPage } from './routes/MeetingsPage.tsx';
import { MyTasksPage } from './routes/MyTasksPage.tsx';
import { NetworkPage } from './routes/NetworkPage.tsx';
import { NotFoundPage } from './routes/NotFoundPage.tsx';
import { PlanPage } from './routes/PlanPage.tsx';
import { SearchPage } from './routes/SearchPage.tsx';
import { PageLoader } from './routes/states.tsx';

// The live meeting page brings Yjs, the provider and the editor: load it only when opened.
const MeetingPage = lazy(() => import('./routes/MeetingPage.tsx'));
const GroupPage = lazy(() => import('./routes/GroupPage.tsx'));
const InitiativePage = lazy(() => import('./routes/InitiativePage.tsx'));

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

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: (
      <RequireAuth>
        <Layout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Navigate to="/meetings" replace /> },
      { path: 'meetings', element: <MeetingsPage /> },
      {
        path: 'meetings/:id',
        element: (
          <Suspense fallback={<PageLoader />}>
            <MeetingPage />
          </Suspense>
        ),
      },
      { path: 'decisions', element: <DecisionsPage /> },
      { path: 'decisions/:number', element: <DecisionPage /> },
      { path: 'groups', element: <GroupsPage /> },
      {
        path: 'groups/:id',
        element: (
          <Suspense fallback={<PageLoader />}>
            <GroupPage />
          </Suspense>
        ),
      },
      { path: 'tasks', element: <MyTasksPage /> },
      { path: 'plan', element: <PlanPage /> },
      { path: 'plan/:id', element: <PlanPage /> },
      {
        path: 'plan/:planId/initiatives/:id',
        element: (
          <Suspense fallback={<PageLoader />}>
            <InitiativePage />
          </Suspense>
        ),
      },
      { path: 'network', element: <NetworkPage /> },
      { path: 'search', element: <SearchPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariables}>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>
  </StrictMode>,
);
