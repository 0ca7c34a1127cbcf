/** Pay pages: a chunk of their own, apart from growth, as the humane preset keeps them apart. */
export { StatementPage } from './StatementPage.tsx';
export { BudgetPage } from './BudgetPage.tsx';
