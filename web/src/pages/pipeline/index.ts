export { PipelineBoardPage } from './BoardPage.tsx';
export { PipelineCasePage } from './CasePage.tsx';
export { MyPlanPage } from './MyPlanPage.tsx';
export { JuryPage } from './JuryPage.tsx';
