/** The growth pages, loaded as one chunk on first use (see web/src/routes.tsx). */
export { GoalsPage } from './GoalsPage.tsx';
export { CheckInsPage } from './CheckInsPage.tsx';
export { LivingDocumentPage } from './LivingDocumentPage.tsx';
export { PlanPage } from './PlanPage.tsx';
export { WorkshopsPage, WorkshopPage } from './WorkshopsPage.tsx';
export { TeamHealthPage } from './TeamHealthPage.tsx';
