import { accountRoutes } from './account.ts';
import { activityRoutes } from './activities.ts';
import { apiKeyRoutes } from './api-keys.ts';
import { aresRoutes } from './ares.ts';
import { authRoutes } from './auth.ts';
import { billingRoutes } from './billing.ts';
import { companyRoutes } from './companies.ts';
import { contactRoutes } from './contacts.ts';
import { dealRoutes } from './deals.ts';
import { exportRoutes } from './exports.ts';
import { expenseRoutes } from './expenses.ts';
import { healthRoutes } from './health.ts';
import { historyRoutes } from './history.ts';
import { importRoutes } from './imports.ts';
import { invitationRoutes } from './invitations.ts';
import { memberRoutes } from './members.ts';
import { meRoutes } from './me.ts';
import { milestoneRoutes } from './milestones.ts';
import { projectStatusRoutes } from './project-statuses.ts';
import { projectRoutes } from './projects.ts';
import { reportRoutes } from './reports.ts';
import { projectBoardRoutes } from './project-board.ts';
import { searchRoutes } from './search.ts';
import { stageRoutes } from './stages.ts';
import { tagRoutes } from './tags.ts';
import { taskRoutes } from './tasks.ts';
import { timeEntryRoutes } from './time-entries.ts';
import { timerRoutes } from './timer.ts';
import { workspaceDeleteRoutes } from './workspace-delete.ts';
import { workspaceRoutes } from './workspaces.ts';

/** Every route module of /api/v1, mounted at its root by createApp. */
export const routeModules = [
  healthRoutes,
  authRoutes,
  meRoutes,
  accountRoutes,
  workspaceRoutes,
  workspaceDeleteRoutes,
  memberRoutes,
  invitationRoutes,
  apiKeyRoutes,
  billingRoutes,
  companyRoutes,
  contactRoutes,
  activityRoutes,
  taskRoutes,
  projectRoutes,
  projectStatusRoutes,
  milestoneRoutes,
  projectBoardRoutes,
  dealRoutes,
  stageRoutes,
  tagRoutes,
  historyRoutes,
  searchRoutes,
  importRoutes,
  exportRoutes,
  timeEntryRoutes,
  timerRoutes,
  expenseRoutes,
  reportRoutes,
  aresRoutes,
];
