import { DEMO_ACCOUNTS } from '../lib/wallet/demo-accounts';
import { expect, findLeaks, test, textFile } from './fixtures';

// A marker that must never appear in anything the browser sends: it exists only in the file.
const SECRET = `Haemoglobin A1c 6.1% — confidential marker ${Date.now().toString(36)}`;
const FILE_NAME = 'lab-result-hba1c.txt';

test.use({ patientAccount: DEMO_ACCOUNTS.patient.address, clinicianAccount: DEMO_ACCOUNTS.clinician.address });

test('a patient shares a record with a clinician, who reads it until the patient revokes', async ({ patient, clinician, traffic }) => {
  // Neither party needs the other until the patient shares, so both set up at once.
  await Promise.all([
    test.step('the clinician sets up their key so patients can share with them', async () => {
      await clinician.signIn();
      await expect(clinician.sharedEmpty).toBeVisible();
      // This patient shares without being asked; keeping such shares apart is unsolicited-shares.spec's.
      await clinician.showAllSharesTogether();
    }),
    test.step('the patient connects, sets up a key and uploads a file encrypted in the browser', async () => {
      await patient.signIn();
      await expect(patient.recordsEmpty).toBeVisible();
      await patient.chooseFiles(textFile({ name: FILE_NAME, text: SECRET }));
      await expect(patient.recordTitles).toHaveText(FILE_NAME, { timeout: 60_000 });
      await patient.openRecord(FILE_NAME);
      await expect(patient.recordText(FILE_NAME)).toHaveText(SECRET);
    }),
  ]);

  await test.step('the patient shares it with the clinician for 30 days', async () => {
    await patient.shareRecord(FILE_NAME, DEMO_ACCOUNTS.clinician.address, '30d');
    // No public profile: the short address stands in for a name.
    await expect(patient.activeGrants.getByTestId('grant-holder')).toContainText('0x3C44…93BC');
  });

  await test.step('the clinician sees the shared record and opens it decrypted', async () => {
    // No reload: the clinician's page picks up the new grant by itself.
    await expect(clinician.sharedRecords).toHaveAttribute('data-status', 'active');
    await expect(clinician.sharedRecordTitles).toHaveText(FILE_NAME);
    await clinician.openSharedRecord(FILE_NAME);
    await expect(clinician.recordText).toHaveText(SECRET);
  });

  await test.step('the patient revokes and the clinician loses access', async () => {
    await patient.revokeRecord(FILE_NAME);
    await expect(patient.page.getByText(/Access revoked/)).toBeVisible();
    await expect(patient.activeGrants).toHaveCount(0);
    await expect(clinician.sharedRecords).toHaveAttribute('data-status', 'revoked', { timeout: 30_000 });
    await expect(clinician.recordText).toHaveCount(0);
    await expect(clinician.page.getByRole('button', { name: 'Open' })).toHaveCount(0);
  });

  await test.step('the patient’s activity timeline, read from the chain, shows what happened', async () => {
    await patient.openTab('Activity');
    await expect(patient.activityEntries.first()).toHaveAttribute('data-kind', 'revoked');
    await expect(patient.activityTimeline).toContainText(`You revoked 0x3C44…93BC’s access to ${FILE_NAME}.`);
    await expect(patient.activityTimeline).toContainText(`You shared ${FILE_NAME} with 0x3C44…93BC`);
    await expect(patient.activityTimeline).toContainText(`You added ${FILE_NAME}.`);
    await expect(patient.activityTimeline).toContainText('You set up your encryption key.');
  });

  await test.step('the plaintext never left either browser', async () => {
    expect(traffic.entries.length).toBeGreaterThan(20);
    expect(findLeaks(traffic, SECRET)).toEqual([]);
    // File names are health metadata too.
    expect(findLeaks(traffic, FILE_NAME)).toEqual([]);
  });
});
