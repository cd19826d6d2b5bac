import { test as base, expect, type Browser, type Page } from '@playwright/test';
import type { Address } from 'viem';
import { DEMO_ACCOUNTS } from '../lib/wallet/demo-accounts';
import type { AppPage } from './pages/app-page';
import { AttesterPage } from './pages/attester-page';
import { ClinicianPage } from './pages/clinician-page';
import { PatientPage } from './pages/patient-page';
import { installTestWallet, type TestWallet, type TrafficLog } from './test-wallet';

/**
 * The fixture file every spec imports. A spec names its accounts with `test.use` (each spec its own,
 * so specs never depend on one another or on their order) and asks for the parties it needs: each
 * is a page object in its own browser context, with its own injected wallet, opened on nothing yet.
 * Every party's wallet and network traffic goes to the one `traffic` log, so a spec can check that
 * nothing secret left any of the browsers. Built-in context options set with `test.use`
 * (`colorScheme`, `viewport`, `timezoneId`…) apply to every party.
 */

/** A page object driven by its own wallet, which tests can make decline a request or change network. */
export type Party<P extends AppPage> = P & { readonly wallet: TestWallet };

type Accounts = {
  patientAccount: Address | undefined;
  /** For journeys with two patients. */
  secondPatientAccount: Address | undefined;
  clinicianAccount: Address | undefined;
  /** For journeys with two clinicians. */
  secondClinicianAccount: Address | undefined;
  /** The chain's one attester: the deployer, as on the demo chain. */
  attesterAccount: Address;
};

type Parties = {
  traffic: TrafficLog;
  patient: Party<PatientPage>;
  secondPatient: Party<PatientPage>;
  clinician: Party<ClinicianPage>;
  secondClinician: Party<ClinicianPage>;
  attester: Party<AttesterPage>;
};

async function party<P extends AppPage>(
  { browser, traffic, account, option }: { browser: Browser; traffic: TrafficLog; account: Address | undefined; option: keyof Accounts },
  pageObject: (page: Page) => P,
  provide: (party: Party<P>) => Promise<void>,
): Promise<void> {
  if (account === undefined) throw new Error(`This spec needs test.use({ ${option}: … }): every spec names its own accounts.`);
  const context = await browser.newContext();
  const wallet = await installTestWallet(context, account, traffic);
  await provide(Object.assign(pageObject(await context.newPage()), { wallet }));
  await context.close();
}

export const test = base.extend<Parties & Accounts>({
  patientAccount: [undefined, { option: true }],
  secondPatientAccount: [undefined, { option: true }],
  clinicianAccount: [undefined, { option: true }],
  secondClinicianAccount: [undefined, { option: true }],
  attesterAccount: [DEMO_ACCOUNTS.deployer.address, { option: true }],
  traffic: async ({}, provide) => {
    await provide({ entries: [] });
  },
  patient: async ({ browser, traffic, patientAccount }, provide) => {
    await party({ browser, traffic, account: patientAccount, option: 'patientAccount' }, (page) => new PatientPage(page), provide);
  },
  secondPatient: async ({ browser, traffic, secondPatientAccount }, provide) => {
    await party({ browser, traffic, account: secondPatientAccount, option: 'secondPatientAccount' }, (page) => new PatientPage(page), provide);
  },
  clinician: async ({ browser, traffic, clinicianAccount }, provide) => {
    await party({ browser, traffic, account: clinicianAccount, option: 'clinicianAccount' }, (page) => new ClinicianPage(page), provide);
  },
  secondClinician: async ({ browser, traffic, secondClinicianAccount }, provide) => {
    await party({ browser, traffic, account: secondClinicianAccount, option: 'secondClinicianAccount' }, (page) => new ClinicianPage(page), provide);
  },
  attester: async ({ browser, traffic, attesterAccount }, provide) => {
    await party({ browser, traffic, account: attesterAccount, option: 'attesterAccount' }, (page) => new AttesterPage(page), provide);
  },
});

export { expect };
export { findLeaks, type TrafficLog } from './test-wallet';
export { textFile, type AccessEnd, type ExportKind, type PatientTabName, type RecordFile } from './pages/patient-page';
export { AttesterPage, ClinicianPage, PatientPage };
