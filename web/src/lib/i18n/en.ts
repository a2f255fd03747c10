import { dealsEn, importEn, tasksEn } from './pipeline.en.ts';
import { crmEn } from './crm.en.ts';
import { projectsEn } from './projects.en.ts';
import { apiKeysEn } from './apikeys.en.ts';
import { accountEn } from './account.en.ts';
import { inviteEn, teamEn } from './teams.en.ts';
import { billingEn } from './billing.en.ts';
import { projectTasksEn } from './project-tasks.en.ts';
import { timeEn } from './time.en.ts';
import { moveDeleteEn } from './move-delete.en.ts';
import { timelineKeysEn } from './timeline-keys.en.ts';
import { milestoneFeedEn } from './milestone-feed.en.ts';

/** Plural forms keyed by `Intl.PluralRules` category; `other` is the fallback. */
export type Plural = { zero?: string; one?: string; two?: string; few?: string; many?: string; other: string };

/** English messages: the source dictionary. Every other locale must have the same shape. */
export const en = {
  meta: { languageName: 'English' },
  common: {
    appName: 'Tandem',
    language: 'Language',
    loading: 'Loading…',
    save: 'Save',
    saving: 'Saving…',
    saved: 'Saved',
    cancel: 'Cancel',
    close: 'Close',
    comingSoon: 'Coming soon',
    pro: 'Pro',
    backHome: 'Go to your workspace',
    retry: 'Try again',
    skipToContent: 'Skip to content',
  },
  errors: {
    summaryTitle: 'Something needs your attention',
    fieldsTitle: 'Please check the highlighted fields.',
    network: 'We could not reach Tandem. Check your connection and try again.',
    server: 'Something went wrong on our side. Please try again in a moment.',
    rateLimited: 'Too many attempts. Please wait a few minutes and try again.',
    rateLimitedIn: 'Too many attempts. Try again in {minutes}.',
    required: 'This field is required.',
    invalidEmail: 'Enter an email address like jana@example.com.',
    passwordTooShort: 'Use at least 8 characters.',
    tooLong: 'Use at most {max} characters.',
    forbidden: 'You do not have permission to do this.',
  },
  auth: {
    loginTitle: 'Log in to Tandem',
    loginSubtitle: 'Welcome back. Your clients are waiting.',
    signupTitle: 'Create your workspace',
    signupSubtitle: 'Free for up to 2 people. No card needed.',
    name: 'Your name',
    namePlaceholder: 'Jana Nováková',
    email: 'Work email',
    emailPlaceholder: 'jana@firma.cz',
    password: 'Password',
    passwordHint: 'At least 8 characters. Avoid passwords you use elsewhere.',
    workspaceName: 'Company name',
    workspaceNameHint: 'This becomes your workspace. You can rename it later.',
    workspaceNamePlaceholder: 'Nováková & partneři',
    submitLogin: 'Log in',
    submittingLogin: 'Logging in…',
    submitSignup: 'Create workspace',
    submittingSignup: 'Creating workspace…',
    noAccount: 'New to Tandem?',
    toSignup: 'Create a workspace',
    haveAccount: 'Already have an account?',
    toLogin: 'Log in',
    invalidCredentials: 'That email and password do not match. Check them and try again.',
    emailTaken: 'An account with this email already exists. Log in instead?',
    showPassword: 'Show password',
    hidePassword: 'Hide password',
    tagline: 'Clients, deals and projects for small teams.',
    bullet1: 'Every client, contact and call in one place',
    bullet2: 'A pipeline your whole team actually updates',
    bullet3: 'Projects, time and budgets that add up',
  },
  nav: {
    main: 'Main',
    home: 'Home',
    myTasks: 'My tasks',
    companies: 'Companies',
    contacts: 'Contacts',
    deals: 'Deals',
    projects: 'Projects',
    settings: 'Settings',
    openMenu: 'Open navigation',
    closeMenu: 'Close navigation',
  },
  workspace: {
    label: 'Workspace',
    switcher: 'Switch workspace',
    yourWorkspaces: 'Your workspaces',
    createNew: 'Create another workspace',
    plan: { free: 'Free', pro: 'Pro' },
    role: { owner: 'owner', admin: 'admin', member: 'member' },
    notFoundTitle: 'Workspace not found',
    notFoundBody: 'This workspace does not exist, or you are not a member of it.',
    loadFailed: 'We could not load this workspace.',
  },
  user: {
    menu: 'Account menu',
    logout: 'Log out',
    loggingOut: 'Logging out…',
  },
  home: {
    hello: 'Hi {name}',
    welcome: 'Welcome to {workspace}',
    subtitle: 'Three first steps to get your team going.',
    stepsLabel: 'Getting started',
    step: 'Step {n}',
    addClientTitle: 'Add your first client',
    addClientBody: 'Type a company ID (IČO) and we fill in the name and address for you.',
    importTitle: 'Import a CSV',
    importBody: 'Bring your companies and contacts over from a spreadsheet or another CRM.',
    inviteTitle: 'Invite a colleague',
    inviteBody: 'Work on the same clients together. The free plan includes 2 people.',
    myTasksTitle: 'My tasks',
    myTasksEmpty: 'Tasks assigned to you will show up here, with the overdue ones on top.',
  },
  modules: {
    newRecord: 'New',
    upgrade: 'Upgrade to Pro',
    companiesBody: 'Your client companies, with IČO lookup, tags and an owner for each one.',
    contactsBody: 'People at your clients: emails, phones and every call and meeting logged against them.',
    dealsBody: 'A pipeline board of your deals by stage, with values and expected close dates.',
    projectsBody: 'Projects with budgets, milestones, a timeline and time tracking.',
    projectsPro: 'Projects are part of the Pro plan.',
    comingTitle: 'Coming soon to Tandem',
  },
  settings: {
    tabs: { general: 'General', members: 'Members', billing: 'Plan & billing', apiKeys: 'API keys' },
    title: 'Settings',
    subtitle: 'Manage your workspace.',
    general: 'General',
    generalBody: 'The name everyone in this workspace sees.',
    workspaceName: 'Workspace name',
    slug: 'Workspace address',
    slugHint: 'The address stays the same when you rename the workspace.',
    plan: 'Plan',
    renamed: 'Workspace renamed.',
    onlyAdmins: 'Only owners and admins can rename the workspace.',
  },
  apiKeys: apiKeysEn,
  billing: billingEn,
  account: accountEn,
  deals: dealsEn,
  tasks: tasksEn,
  import: importEn,
  records: crmEn.records,
  companies: crmEn.companies,
  contacts: crmEn.contacts,
  journal: crmEn.journal,
  search: crmEn.search,
  trash: crmEn.trash,
  projects: projectsEn,
  projectTasks: projectTasksEn,
  time: timeEn,
  team: teamEn,
  invite: inviteEn,
  moveDelete: moveDeleteEn,
  timelineKeys: timelineKeysEn,
  milestoneFeed: milestoneFeedEn,
  plural: {
    company: { one: '{n} company', other: '{n} companies' } as Plural,
    minute: { one: '{n} minute', other: '{n} minutes' } as Plural,
  },
} as const;

type Widen<T> = T extends string ? string : { readonly [K in keyof T]: Widen<T[K]> };

/** The shape every locale's dictionary must match. */
export type Messages = Widen<typeof en>;
