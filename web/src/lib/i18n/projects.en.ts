// English messages for the project screens (portfolio, project page, project statuses);
// spread into en.ts as the `projects` section.
export const projectsEn = {
  title: 'Projects',
  subtitle: 'Every project with its status, deadline and how much of the budget is used.',
  newProject: 'New project',
  tabs: {
    overview: 'Overview',
    board: 'Board',
    list: 'List',
    timeline: 'Timeline',
    time: 'Time',
    expenses: 'Expenses',
    settings: 'Settings',
  },
  tabsLabel: 'Project sections',
  back: 'All projects',
  placeholderTitle: 'This part of the project is on its way',
  placeholderBody: 'It will appear here shortly. Overview and Settings already work.',
  loadFailed: 'We could not load this project.',
  notFoundTitle: 'Project not found',
  notFoundBody: 'It may have been deleted, or it belongs to another workspace.',
  upgradeTitle: 'Projects are part of the Pro plan. What you have stays readable.',
  upgradeBody: 'On the free plan you can look at existing projects but not change them. Upgrade to create projects, track time and watch budgets.',
  upgradeAction: 'Upgrade to Pro',
} as const;
