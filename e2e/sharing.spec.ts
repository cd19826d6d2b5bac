import { createPublicClient, createWalletClient, type Address } from 'viem';
import { chartkeyConsentAbi } from '../contracts-abi';
import { expectAccessible } from './a11y';
import { SPARE_ACCOUNTS } from './accounts';
import { consentAddress, e2eRpc as rpc } from './chain';
import { expect, findLeaks, test, textFile, type TrafficLog } from './fixtures';

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

test.use({ patientAccount: PATIENT, clinicianAccount: CLINICIAN, secondClinicianAccount: SECOND });

test('a patient shares several records at once, sees who can see them, ends access (with re-keying), replaces, removes and exports', async ({ patient, clinician, secondClinician: second, traffic }) => {
  test.setTimeout(360_000);

  // Nobody needs anyone else until the patient shares, so all three set up at once.
  await Promise.all([
    test.step('both clinicians set up their keys; the first has a public profile', async () => {
      await Promise.all(
        [clinician, second].map(async (party) => {
          await party.signIn();
          await expect(party.sharedEmpty).toBeVisible();
          // This patient shares without being asked; keeping such shares apart is unsolicited-shares.spec's.
          await party.showAllSharesTogether();
        }),
      );
      await publishProfile(CLINICIAN, CLINICIAN_NAME, 'Chartkey Test Clinic');
    }),
    test.step('the patient adds three records', async () => {
      await patient.signIn();
      await patient.openTab('Sharing');
      await expect(patient.sharingEmpty).toBeVisible();
      await patient.openTab('Records');
      // One at a time: this spec is about sharing; concurrent uploads are patient-records.spec's.
      for (const [index, file] of Object.values(FILES).entries()) {
        await patient.chooseFiles(textFile(file));
        await expect(patient.records).toHaveCount(index + 1, { timeout: 60_000 });
      }
      for (const { name } of Object.values(FILES)) await expect(patient.record(name)).toBeVisible();
      // Finished uploads show "Done" briefly, then only the list shows them.
      await expect(patient.pendingUploads).toHaveCount(0);
    }),
  ]);

  await test.step('two records are shared in one transaction, after the patient sees who the address belongs to', async () => {
    await patient.selectRecord(FILES.allergies.name);
    await patient.selectRecord(FILES.pressure.name);
    await expect(patient.shareSeveral).toContainText('2 records selected');
    const form = await patient.openShareSelected(2);
    await form.fill(CLINICIAN);
    await expect(form.recipient).toContainText(CLINICIAN_NAME);
    await expect(form.recipient).toContainText('Chartkey Test Clinic');
    await expect(form.recipient.getByTestId('unverified-badge')).toBeVisible();
    await form.chooseEnd('30d');
    const before = sentTransactions(traffic);
    await form.submit();
    await expect(patient.shareSeveral).toHaveCount(0);

    // The record list says who can see each record, by the clinician's public name.
    await expect(patient.grantsOn(FILES.allergies.name)).toHaveCount(1);
    await expect(patient.grantsOn(FILES.allergies.name)).toContainText(CLINICIAN_NAME);
    await expect(patient.grantsOn(FILES.vaccines.name)).toHaveCount(0);
    await patient.screenshot(test.info().outputPath('patient-records-shared.png'));

    // The Sharing tab reads the same patient-wide grants.
    await patient.openTab('Sharing');
    const access = patient.sharedWith(CLINICIAN);
    await expect(access.getByTestId('shared-grant')).toHaveCount(2);
    await expect(access).toContainText(FILES.allergies.name);
    await expect(access).toContainText(FILES.pressure.name);
    expect(sentTransactions(traffic) - before).toBe(1);
    await expect(access).toContainText(CLINICIAN_NAME);

    await expectAccessible(patient.page, 'sharing overview');
    await patient.screenshot(test.info().outputPath('sharing-overview.png'));
  });

  await test.step('the clinician sees both records', async () => {
    await expect(clinician.sharedRecord(FILES.allergies.name)).toHaveAttribute('data-status', 'active', { timeout: 30_000 });
    await expect(clinician.sharedRecord(FILES.pressure.name)).toHaveAttribute('data-status', 'active');
  });

  await test.step('ending access to one record, after a plain confirmation', async () => {
    const access = patient.sharedWith(CLINICIAN);
    const confirmation = await patient.askToEndAccess(CLINICIAN, FILES.allergies.name);
    await expect(confirmation).toContainText('can no longer open this record in Chartkey');
    await expect(confirmation).toContainText('A copy they already downloaded stays with them');
    await expect(confirmation).toContainText('public, permanent record');
    await expectAccessible(patient.page, 'revoke confirmation');
    await patient.confirmEndAccess(CLINICIAN);
    await expect(access.getByTestId('shared-grant')).toHaveCount(1);
    await expect(access).toContainText(FILES.pressure.name);
    await expect(clinician.openToMe).toHaveCount(1, { timeout: 30_000 });
    await expect(clinician.openToMe.getByTestId('shared-record-title')).toHaveText(FILES.pressure.name);
  });

  await test.step('ending all access for the clinician in one step', async () => {
    const confirmation = await patient.askToEndAllAccess(CLINICIAN);
    await expect(confirmation).toContainText('any of your records');
    await patient.confirmEndAccess(CLINICIAN);
    await expect(patient.sharingEmpty).toBeVisible();
    await expect(clinician.openToMe).toHaveCount(0, { timeout: 30_000 });
    await expect(clinician.sharedRecords).toHaveCount(2);
  });

  await test.step('one record shared with both clinicians; ending the first’s access with re-keying keeps the second’s', async () => {
    for (const address of [SECOND, CLINICIAN]) {
      await patient.openTab('Records');
      const form = await patient.openShareForm(FILES.vaccines.name);
      await form.fill(address);
      await expect(form.recipient).toContainText(address === CLINICIAN ? CLINICIAN_NAME : 'no public profile');
      await form.submit();
      await patient.openTab('Sharing');
      await expect(patient.sharedWith(address).getByTestId('shared-grant')).toHaveCount(1);
    }
    await expect(clinician.openToMe.getByTestId('shared-record-title')).toHaveText(FILES.vaccines.name, { timeout: 30_000 });

    await patient.endAccess(CLINICIAN, FILES.vaccines.name, { rekey: true });
    await expect(patient.sharingOverview).toContainText('re-keyed', { timeout: 60_000 });
    await expect(patient.sharedWith(CLINICIAN)).toHaveCount(0);
    // The second clinician's grant was carried over to the new version, with a fresh key.
    await expect(patient.sharedWith(SECOND).getByTestId('shared-grant')).toHaveCount(1);

    await expect(clinician.openToMe).toHaveCount(0, { timeout: 30_000 });
    await expect(clinician.sharedRecords).toHaveCount(3);
    await expect(second.sharedRecord(FILES.vaccines.name)).toHaveAttribute('data-status', 'active', { timeout: 30_000 });
    await second.openSharedRecord(FILES.vaccines.name);
    await expect(second.recordText).toHaveText(FILES.vaccines.text);
  });

  await test.step('replacing a record with a new version', async () => {
    await patient.openTab('Records');
    await patient.replaceRecord(FILES.pressure.name, textFile(NEW_PRESSURE));
    await expect(patient.record(NEW_PRESSURE.name)).toBeVisible({ timeout: 60_000 });
    await expect(patient.record(FILES.pressure.name)).toHaveCount(0);
    await patient.openRecord(NEW_PRESSURE.name);
    await expect(patient.recordText(NEW_PRESSURE.name)).toHaveText(NEW_PRESSURE.text);
  });

  await test.step('removing a record, with what removal does and does not do', async () => {
    const panel = await patient.askToRemove(FILES.allergies.name);
    await expect(panel).toContainText('may keep it');
    await patient.confirmRemoval(FILES.allergies.name);
    await expect(patient.records).toHaveCount(2);
    await expect(patient.record(FILES.allergies.name)).toHaveCount(0);
  });

  await test.step('exporting downloads a ZIP of the decrypted records', async () => {
    await patient.openTab('Export');
    const download = await patient.export('records');
    expect(download.suggestedFilename()).toMatch(/^chartkey-records-\d{4}-\d{2}-\d{2}\.zip$/);
    await expect(patient.exportOutcome).toContainText('Downloaded 2 records');
  });

  await test.step('no plaintext or file name left the browsers', async () => {
    for (const { name, text } of [...Object.values(FILES), NEW_PRESSURE]) {
      expect(findLeaks(traffic, text)).toEqual([]);
      expect(findLeaks(traffic, name)).toEqual([]);
    }
  });
});
