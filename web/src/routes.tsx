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
