import type { Page } from '@playwright/test';
import { createPublicClient, createWalletClient, type Address } from 'viem';
import { chartkeyConsentAbi } from '../contracts-abi';
import { expectAccessible } from './a11y';
import { SPARE_ACCOUNTS } from './accounts';
import { consentAddress, e2eRpc as rpc } from './chain';
import { connectWallet, expect, findLeaks, installTestWallet, openPatientTab, recordItem, test, type TrafficLog, unlockKey } from './fixtures';

const PATIENT = SPARE_ACCOUNTS.sharingPatient;
const CLINICIAN = SPARE_ACCOUNTS.sharingClinician;
const SECOND = SPARE_ACCOUNTS.sharingSecondClinician;
const CLINICIAN_NAME = 'Dr. Ana Sharing';

const stamp = Date.now().toString(36);
const FILES = {
  allergies: { name: 'allergy-list.txt', text: `Penicillin allergy ${stamp}` },
  pressure: { name: 'blood-pressure.txt', text: `BP 128/82 ${stamp}` },
  vaccines: { name: 'vaccination-card.txt', text: `Tetanus booster 2023 ${stamp}` },
} as const;
const NEW_PRESSURE = { name: 'blood-pressure-v2.txt', text: `BP 119/76 after treatment ${stamp}` };

/** Publishes a clinician profile directly (the e2e chain's dev accounts are unlocked): onboarding UI is another spec's. */
async function publishProfile(clinician: Address, displayName: string, organisation: string): Promise<void> {
  const wallet = createWalletClient({ ...rpc, account: clinician });
  const client = createPublicClient(rpc);
  const hash = await wallet.writeContract({ address: await consentAddress(), abi: chartkeyConsentAbi, functionName: 'setClinicianProfile', args: [displayName, organisation] });
  await client.waitForTransactionReceipt({ hash });
}

const sentTransactions = (traffic: TrafficLog) => traffic.entries.filter((entry) => entry.subarray(0, 40).toString('utf8').startsWith('wallet-rpc eth_sendTransaction')).length;

const sharedWith = (page: Page, clinician: Address) => page.getByTestId('clinician-access').and(page.locator(`[data-clinician="${clinician.toLowerCase()}"]`));
// A clinician sees a revoked record without its name ("Record 3"), so revocations are checked by what is still open.
const openToClinician = (page: Page) => page.locator('[data-testid="shared-record"][data-status="active"]');
const sharedRecord = (page: Page, name: string) => page.getByTestId('shared-record').filter({ has: page.getByTestId('shared-record-title').getByText(name, { exact: true }) });

test('a patient shares several records at once, sees who can see them, ends access (with re-keying), replaces, removes and exports', async ({ browser, traffic }) => {
  test.setTimeout(360_000);
  const contexts = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()]);
  const [patientContext, clinicianContext, secondContext] = contexts;
  await installTestWallet(patientContext, PATIENT, traffic);
  await installTestWallet(clinicianContext, CLINICIAN, traffic);
  await installTestWallet(secondContext, SECOND, traffic);
  const patient = await patientContext.newPage();
  const clinician = await clinicianContext.newPage();
  const second = await secondContext.newPage();

  await test.step('both clinicians set up their keys; the first has a public profile', async () => {
    for (const page of [clinician, second]) {
      await page.goto('/clinician');
      await connectWallet(page, /connect wallet to continue/i);
      await unlockKey(page);
      await expect(page.getByTestId('shared-empty')).toBeVisible();
    }
    await publishProfile(CLINICIAN, CLINICIAN_NAME, 'Chartkey Test Clinic');
  });

  await test.step('the patient adds three records', async () => {
    await patient.goto('/patient');
    await connectWallet(patient, /connect wallet to continue/i);
    await unlockKey(patient);
    await openPatientTab(patient, 'Sharing');
    await expect(patient.getByTestId('sharing-empty')).toBeVisible();
    await openPatientTab(patient, 'Records');
    // One at a time: this spec is about sharing; concurrent uploads are patient-records.spec's.
    for (const [index, { name, text }] of Object.values(FILES).entries()) {
      await patient.getByTestId('record-file-input').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
      await expect(patient.getByTestId('record-item')).toHaveCount(index + 1, { timeout: 60_000 });
    }
    for (const { name } of Object.values(FILES)) await expect(recordItem(patient, name)).toBeVisible();
    // Finished uploads show "Done" briefly, then only the list shows them.
    await expect(patient.getByTestId('pending-upload')).toHaveCount(0);
  });

  await test.step('two records are shared in one transaction, after the patient sees who the address belongs to', async () => {
    await recordItem(patient, FILES.allergies.name).getByTestId('record-select').check();
    await recordItem(patient, FILES.pressure.name).getByTestId('record-select').check();
    const bar = patient.getByTestId('share-several');
    await expect(bar).toContainText('2 records selected');
    await bar.getByRole('button', { name: 'Share selected' }).click();
    await bar.getByLabel('Clinician’s account address').fill(CLINICIAN);
    const recipient = bar.getByTestId('share-recipient');
    await expect(recipient).toContainText(CLINICIAN_NAME);
    await expect(recipient).toContainText('Chartkey Test Clinic');
    await expect(recipient.getByTestId('unverified-badge')).toBeVisible();
    await bar.getByLabel('Access ends after').selectOption('30d');
    const before = sentTransactions(traffic);
    await bar.getByRole('button', { name: 'Share 2 records' }).click();
    await expect(patient.getByTestId('share-several')).toHaveCount(0);

    // The record list says who can see each record, by the clinician's public name.
    await expect(recordItem(patient, FILES.allergies.name).getByTestId('active-grant')).toHaveCount(1);
    await expect(recordItem(patient, FILES.allergies.name).getByTestId('active-grant')).toContainText(CLINICIAN_NAME);
    await expect(recordItem(patient, FILES.vaccines.name).getByTestId('active-grant')).toHaveCount(0);
    await patient.screenshot({ path: test.info().outputPath('patient-records-shared.png'), fullPage: true });

    // The Sharing tab reads the same patient-wide grants.
    await openPatientTab(patient, 'Sharing');
    const access = sharedWith(patient, CLINICIAN);
    await expect(access.getByTestId('shared-grant')).toHaveCount(2);
    await expect(access).toContainText(FILES.allergies.name);
    await expect(access).toContainText(FILES.pressure.name);
    expect(sentTransactions(traffic) - before).toBe(1);
    await expect(access).toContainText(CLINICIAN_NAME);

    await expectAccessible(patient, 'sharing overview');
    await patient.screenshot({ path: test.info().outputPath('sharing-overview.png'), fullPage: true });
  });

  await test.step('the clinician sees both records', async () => {
    await expect(sharedRecord(clinician, FILES.allergies.name)).toHaveAttribute('data-status', 'active', { timeout: 30_000 });
    await expect(sharedRecord(clinician, FILES.pressure.name)).toHaveAttribute('data-status', 'active');
  });

  await test.step('ending access to one record, after a plain confirmation', async () => {
    const access = sharedWith(patient, CLINICIAN);
    await access.getByRole('button', { name: `End access to ${FILES.allergies.name}` }).click();
    const confirmation = access.getByTestId('revoke-confirmation');
    await expect(confirmation).toContainText('can no longer open this record in Chartkey');
    await expect(confirmation).toContainText('A copy they already downloaded stays with them');
    await expect(confirmation).toContainText('public, permanent record');
    await expectAccessible(patient, 'revoke confirmation');
    await confirmation.getByRole('button', { name: 'Yes, end access' }).click();
    await expect(access.getByTestId('shared-grant')).toHaveCount(1);
    await expect(access).toContainText(FILES.pressure.name);
    await expect(openToClinician(clinician)).toHaveCount(1, { timeout: 30_000 });
    await expect(openToClinician(clinician).getByTestId('shared-record-title')).toHaveText(FILES.pressure.name);
  });

  await test.step('ending all access for the clinician in one step', async () => {
    const access = sharedWith(patient, CLINICIAN);
    await access.getByRole('button', { name: 'End all access for this clinician' }).click();
    await expect(access.getByTestId('revoke-confirmation')).toContainText('any of your records');
    await access.getByRole('button', { name: 'Yes, end access' }).click();
    await expect(patient.getByTestId('sharing-empty')).toBeVisible();
    await expect(openToClinician(clinician)).toHaveCount(0, { timeout: 30_000 });
    await expect(clinician.getByTestId('shared-record')).toHaveCount(2);
  });

  await test.step('one record shared with both clinicians; ending the first’s access with re-keying keeps the second’s', async () => {
    for (const address of [SECOND, CLINICIAN]) {
      await openPatientTab(patient, 'Records');
      const item = recordItem(patient, FILES.vaccines.name);
      await item.getByRole('button', { name: 'Share', exact: true }).click();
      await item.getByLabel('Clinician’s account address').fill(address);
      await expect(item.getByTestId('share-recipient')).toContainText(address === CLINICIAN ? CLINICIAN_NAME : 'no public profile');
      await item.getByRole('button', { name: 'Share record' }).click();
      await openPatientTab(patient, 'Sharing');
      await expect(sharedWith(patient, address).getByTestId('shared-grant')).toHaveCount(1);
    }
    await expect(openToClinician(clinician).getByTestId('shared-record-title')).toHaveText(FILES.vaccines.name, { timeout: 30_000 });

    const access = sharedWith(patient, CLINICIAN);
    await access.getByRole('button', { name: `End access to ${FILES.vaccines.name}` }).click();
    await access.getByLabel(/Also re-key the record/).check();
    await access.getByRole('button', { name: 'Yes, end access' }).click();
    await expect(patient.getByTestId('sharing-overview')).toContainText('re-keyed', { timeout: 60_000 });
    await expect(sharedWith(patient, CLINICIAN)).toHaveCount(0);
    // The second clinician's grant was carried over to the new version, with a fresh key.
    await expect(sharedWith(patient, SECOND).getByTestId('shared-grant')).toHaveCount(1);

    await expect(openToClinician(clinician)).toHaveCount(0, { timeout: 30_000 });
    await expect(clinician.getByTestId('shared-record')).toHaveCount(3);
    const forSecond = sharedRecord(second, FILES.vaccines.name);
    await expect(forSecond).toHaveAttribute('data-status', 'active', { timeout: 30_000 });
    await forSecond.getByRole('button', { name: 'Open' }).click();
    await expect(second.getByTestId('record-text')).toHaveText(FILES.vaccines.text);
  });

  await test.step('replacing a record with a new version', async () => {
    await openPatientTab(patient, 'Records');
    const item = recordItem(patient, FILES.pressure.name);
    await item.getByRole('button', { name: 'Replace with a new version' }).click();
    await item.getByTestId('replace-file-input').setInputFiles({ name: NEW_PRESSURE.name, mimeType: 'text/plain', buffer: Buffer.from(NEW_PRESSURE.text) });
    const replaced = recordItem(patient, NEW_PRESSURE.name);
    await expect(replaced).toBeVisible({ timeout: 60_000 });
    await expect(recordItem(patient, FILES.pressure.name)).toHaveCount(0);
    await replaced.getByRole('button', { name: 'Open' }).click();
    await expect(replaced.getByTestId('record-text')).toHaveText(NEW_PRESSURE.text);
  });

  await test.step('removing a record, with what removal does and does not do', async () => {
    const item = recordItem(patient, FILES.allergies.name);
    await item.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(item.getByTestId('remove-panel')).toContainText('may keep it');
    await item.getByRole('button', { name: 'Yes, remove this record' }).click();
    await expect(patient.getByTestId('record-item')).toHaveCount(2);
    await expect(recordItem(patient, FILES.allergies.name)).toHaveCount(0);
  });

  await test.step('exporting downloads a ZIP of the decrypted records', async () => {
    await openPatientTab(patient, 'Export');
    const download = patient.waitForEvent('download');
    await patient.getByTestId('export-records').click();
    expect((await download).suggestedFilename()).toMatch(/^chartkey-records-\d{4}-\d{2}-\d{2}\.zip$/);
    await expect(patient.getByTestId('export-outcome')).toContainText('Downloaded 2 records');
  });

  await test.step('no plaintext or file name left the browsers', async () => {
    for (const { name, text } of [...Object.values(FILES), NEW_PRESSURE]) {
      expect(findLeaks(traffic, text)).toEqual([]);
      expect(findLeaks(traffic, name)).toEqual([]);
    }
  });

  for (const context of contexts) await context.close();
});
