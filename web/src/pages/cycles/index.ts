/** The Reviews pages, loaded as one chunk the first time someone opens a review page. */
export { CycleIndexPage } from './CycleIndexPage.tsx';
export { CyclesPage } from './CyclesPage.tsx';
export { CycleTasksPage } from './CycleTasksPage.tsx';
export { DashboardPage } from './DashboardPage.tsx';
export { ReceivedFeedbackPage } from './ReceivedFeedbackPage.tsx';
export { RequestPeersPage } from './RequestPeersPage.tsx';
export { SelfReviewPage } from './SelfReviewPage.tsx';
export { TeamPage } from './TeamPage.tsx';
export { WriteFeedbackPage } from './WriteFeedbackPage.tsx';
export { NotificationsPage } from '../notifications/NotificationsPage.tsx';
