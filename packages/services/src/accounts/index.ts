/** Accounts and settings: staff users, assessor registration, enterprise settings, the demo accounts. */
export { createUser, listUsers, loadActor, registerAssessor, whoAmI, type Me, type NewUser } from './users.ts';
export { createDemoAccounts, DEMO_ACCOUNTS, DEMO_PASSWORD, isEmptyDatabase, type DemoAccount } from './demo.ts';
export { getBankSettings, setSetting, SETTING_KEYS } from './settings.ts';
