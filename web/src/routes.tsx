import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { AppShell } from './components/AppShell.tsx';
import { RequireRole } from './components/RequireRole.tsx';
import { ImportPeoplePage } from './pages/admin/ImportPeoplePage.tsx';
import { UsersPage } from './pages/admin/UsersPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { DirectoryPage } from './pages/people/DirectoryPage.tsx';
import { PersonPage } from './pages/people/PersonPage.tsx';
import { ProfilePage } from './pages/profile/ProfilePage.tsx';
import { SignInPage } from './pages/session/SignInPage.tsx';
import { TeamPage } from './pages/team/TeamPage.tsx';

type ReviewPages = typeof import('./pages/cycles/index.ts');

/** A Reviews page, from the chunk that holds them all (fetched once, on first use; the shell shows a spinner meanwhile). */
function reviewPage(name: keyof ReviewPages) {
  return lazy(async () => ({ default: (await import('./pages/cycles/index.ts'))[name] }));
}

const CyclesPage = reviewPage('CyclesPage');
const CycleIndexPage = reviewPage('CycleIndexPage');
const CycleTasksPage = reviewPage('CycleTasksPage');
const SelfReviewPage = reviewPage('SelfReviewPage');
const RequestPeersPage = reviewPage('RequestPeersPage');
const ReceivedFeedbackPage = reviewPage('ReceivedFeedbackPage');
const CycleTeamPage = reviewPage('TeamPage');
const DashboardPage = reviewPage('DashboardPage');
const WriteFeedbackPage = reviewPage('WriteFeedbackPage');
const NotificationsPage = reviewPage('NotificationsPage');

/**
 * Every client-side route. The server answers unknown GET paths with index.html, so each of
 * these can be loaded directly; role guards here only tidy the UI, the API enforces access.
 */
export const routes: RouteObject[] = [
  { path: '/sign-in', element: <SignInPage /> },
  {
    path: '/',
    element: <AppShell />,
    children: [
      { index: true, element: <ProfilePage /> },
      {
        path: 'team',
        element: (
          <RequireRole role="manager">
            <TeamPage />
          </RequireRole>
        ),
      },
      { path: 'cycles', element: <CyclesPage /> },
      { path: 'cycles/:id', element: <CycleIndexPage /> },
      { path: 'cycles/:id/tasks', element: <CycleTasksPage /> },
      { path: 'cycles/:id/self-review', element: <SelfReviewPage /> },
      { path: 'cycles/:id/peers', element: <RequestPeersPage /> },
      { path: 'cycles/:id/feedback', element: <ReceivedFeedbackPage /> },
      // The server decides who sees a subtree's progress (managers) or all of it (HR, admins).
      { path: 'cycles/:id/team', element: <CycleTeamPage /> },
      { path: 'cycles/:id/dashboard', element: <DashboardPage /> },
      { path: 'feedback/:requestId', element: <WriteFeedbackPage /> },
      { path: 'notifications', element: <NotificationsPage /> },
      { path: 'people', element: <DirectoryPage /> },
      { path: 'people/:id', element: <PersonPage /> },
      {
        path: 'admin/import',
        element: (
          <RequireRole role="admin">
            <ImportPeoplePage />
          </RequireRole>
        ),
      },
      {
        path: 'admin/users',
        element: (
          <RequireRole role="admin">
            <UsersPage />
          </RequireRole>
        ),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
