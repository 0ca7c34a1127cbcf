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

type PipelinePages = typeof import('./pages/pipeline/index.ts');
/** A pipeline page, from the chunk that holds them all (fetched on first use). */
function pipelinePage(name: keyof PipelinePages) {
  return lazy(async () => ({ default: (await import('./pages/pipeline/index.ts'))[name] }));
}
const PipelineBoardPage = pipelinePage('PipelineBoardPage');
const PipelineCasePage = pipelinePage('PipelineCasePage');
const MyPlanPage = pipelinePage('MyPlanPage');
const JuryPage = pipelinePage('JuryPage');

type GrowthPages = typeof import('./pages/growth/index.ts');
/** A growth page (goals, check-ins, living document, plan, workshops, team health), from one chunk fetched on first use. */
function growthPage(name: keyof GrowthPages) {
  return lazy(async () => ({ default: (await import('./pages/growth/index.ts'))[name] }));
}
const GoalsPage = growthPage('GoalsPage');
const CheckInsPage = growthPage('CheckInsPage');
const LivingDocumentPage = growthPage('LivingDocumentPage');
const GrowthPlanPage = growthPage('PlanPage');
const WorkshopsPage = growthPage('WorkshopsPage');
const WorkshopPage = growthPage('WorkshopPage');
const TeamHealthPage = growthPage('TeamHealthPage');

type CalibrationPages = typeof import('./pages/calibration/index.ts');
/** A calibration page, from the chunk that holds them all (fetched on first use). */
function calibrationPage(name: keyof CalibrationPages) {
  return lazy(async () => ({ default: (await import('./pages/calibration/index.ts'))[name] }));
}
const CalibrationPage = calibrationPage('CalibrationPage');
const BoardPage = calibrationPage('BoardPage');
const ComparePage = calibrationPage('ComparePage');
const ProposalsPage = calibrationPage('ProposalsPage');
const MyRatingPage = calibrationPage('MyRatingPage');
const RatingHistoryPage = calibrationPage('RatingHistoryPage');

type PromotionPages = typeof import('./pages/promotions/index.ts');
/** A career or promotion page, from the chunk that holds them all (fetched on first use). */
function promotionPage(name: keyof PromotionPages) {
  return lazy(async () => ({ default: (await import('./pages/promotions/index.ts'))[name] }));
}
const CareerPage = promotionPage('CareerPage');
const PromotionsPage = promotionPage('PromotionsPage');
const PacketPage = promotionPage('PacketPage');
const LadderEditorPage = promotionPage('LadderEditorPage');

type CompensationPages = typeof import('./pages/compensation/index.ts');
/** A pay page, from its own chunk: growth and pay are separate screens. */
function compensationPage(name: keyof CompensationPages) {
  return lazy(async () => ({ default: (await import('./pages/compensation/index.ts'))[name] }));
}
const StatementPage = compensationPage('StatementPage');
const BudgetPage = compensationPage('BudgetPage');

type AnalyticsPages = typeof import('./pages/analytics/index.ts');
/** A people-analytics page, from the chunk that holds them all (fetched on first use). */
function analyticsPage(name: Exclude<keyof AnalyticsPages, 'SessionBiasPanel' | 'SessionBiasPanelProps'>) {
  return lazy(async () => ({ default: (await import('./pages/analytics/index.ts'))[name] }));
}
const BiasAuditPage = analyticsPage('BiasAuditPage');
const DriftPage = analyticsPage('DriftPage');
const DatasetsPage = analyticsPage('DatasetsPage');
const PolicyLabPage = analyticsPage('PolicyLabPage');
const ThemesPage = analyticsPage('ThemesPage');
const GovernancePage = analyticsPage('GovernancePage');
const SustainableWorkPage = analyticsPage('SustainableWorkPage');

type MetricsPages = typeof import('./pages/metrics/index.ts');
/** An engineering-metrics page, from the chunk that holds them all (fetched on first use). */
function metricsPage(name: keyof MetricsPages) {
  return lazy(async () => ({ default: (await import('./pages/metrics/index.ts'))[name] }));
}
const TeamMetricsPage = metricsPage('TeamMetricsPage');
const SloPage = metricsPage('SloPage');
const AiAdoptionPage = metricsPage('AiAdoptionPage');
const MetricsSourcesPage = metricsPage('MetricsSourcesPage');

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
      { path: 'cycles/:id/proposals', element: <ProposalsPage /> },
      { path: 'cycles/:id/my-rating', element: <MyRatingPage /> },
      { path: 'calibration', element: <CalibrationPage /> },
      { path: 'calibration/:id', element: <BoardPage /> },
      { path: 'calibration/:id/compare', element: <ComparePage /> },
      { path: 'people/:id/rating-history', element: <RatingHistoryPage /> },
      { path: 'feedback/:requestId', element: <WriteFeedbackPage /> },
      { path: 'notifications', element: <NotificationsPage /> },
      { path: 'pipeline', element: <PipelineBoardPage /> },
      { path: 'pipeline/cases/:id', element: <PipelineCasePage /> },
      { path: 'pipeline/my-plan', element: <MyPlanPage /> },
      { path: 'pipeline/jury', element: <JuryPage /> },
      { path: 'career', element: <CareerPage /> },
      { path: 'career/:personId', element: <CareerPage /> },
      { path: 'promotions', element: <PromotionsPage /> },
      { path: 'promotions/:id', element: <PacketPage /> },
      { path: 'compensation', element: <StatementPage /> },
      { path: 'compensation/people/:personId', element: <StatementPage /> },
      // HR and admins; the server refuses everyone else, and the page shows why.
      { path: 'compensation/budget', element: <BudgetPage /> },
      {
        path: 'admin/ladders',
        element: (
          <RequireRole role="admin">
            <LadderEditorPage />
          </RequireRole>
        ),
      },
      { path: 'growth', element: <GoalsPage /> },
      { path: 'growth/check-ins', element: <CheckInsPage /> },
      { path: 'growth/document', element: <LivingDocumentPage /> },
      { path: 'growth/plan', element: <GrowthPlanPage /> },
      { path: 'growth/workshops', element: <WorkshopsPage /> },
      { path: 'growth/workshops/:id', element: <WorkshopPage /> },
      { path: 'growth/team-health', element: <TeamHealthPage /> },
      { path: 'growth/team-health/:id', element: <TeamHealthPage /> },
      {
        path: 'analytics',
        element: (
          <RequireRole role="hr">
            <BiasAuditPage />
          </RequireRole>
        ),
      },
      {
        path: 'analytics/drift',
        element: (
          <RequireRole role="hr">
            <DriftPage />
          </RequireRole>
        ),
      },
      {
        path: 'analytics/datasets',
        element: (
          <RequireRole role="hr">
            <DatasetsPage />
          </RequireRole>
        ),
      },
      {
        path: 'analytics/governance',
        element: (
          <RequireRole role="hr">
            <GovernancePage />
          </RequireRole>
        ),
      },
      // HR and admins; the server refuses everyone else, and the page shows why.
      { path: 'analytics/sustainable-work', element: <SustainableWorkPage /> },
      { path: 'analytics/policy-lab', element: <PolicyLabPage /> },
      { path: 'themes', element: <ThemesPage /> },
      // Team outcomes and organisation-level adoption: every signed-in person (DOMAIN.md section 7).
      { path: 'metrics', element: <TeamMetricsPage /> },
      { path: 'metrics/slos', element: <SloPage /> },
      { path: 'metrics/ai', element: <AiAdoptionPage /> },
      // Administrators and HR partners (identities); administrators (webhook sources). The page says so to others.
      { path: 'admin/metrics-sources', element: <MetricsSourcesPage /> },
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
