import { DEMO_ACCOUNTS } from '../lib/wallet/demo-accounts';
import { connectWallet, expect, findLeaks, installTestWallet, openPatientTab, test, unlockKey } from './fixtures';

// A marker that must never appear in anything the browser sends: it exists only in the file.
const SECRET = `Haemoglobin A1c 6.1% — confidential marker ${Date.now().toString(36)}`;
const FILE_NAME = 'lab-result-hba1c.txt';

test('a patient shares a record with a clinician, who reads it until the patient revokes', async ({ browser, traffic }) => {
  const patientContext = await browser.newContext();
  const clinicianContext = await browser.newContext();
  await installTestWallet(patientContext, DEMO_ACCOUNTS.patient.address, traffic);
  await installTestWallet(clinicianContext, DEMO_ACCOUNTS.clinician.address, traffic);
  const patient = await patientContext.newPage();
  const clinician = await clinicianContext.newPage();

  await test.step('the clinician sets up their key so patients can share with them', async () => {
    await clinician.goto('/clinician');
    await connectWallet(clinician, /connect wallet to continue/i);
    await unlockKey(clinician);
    await expect(clinician.getByTestId('shared-empty')).toBeVisible();
  });

  await test.step('the patient connects, sets up a key and uploads a file encrypted in the browser', async () => {
    await patient.goto('/patient');
    await connectWallet(patient, /connect wallet to continue/i);
    await unlockKey(patient);
    await expect(patient.getByTestId('records-empty')).toBeVisible();
    await patient.getByTestId('record-file-input').setInputFiles({ name: FILE_NAME, mimeType: 'text/plain', buffer: Buffer.from(SECRET) });
    await expect(patient.getByTestId('record-title')).toHaveText(FILE_NAME, { timeout: 60_000 });
    await patient.getByRole('button', { name: 'Open' }).click();
    await expect(patient.getByTestId('record-text')).toHaveText(SECRET);
  });

  await test.step('the patient shares it with the clinician for 30 days', async () => {
    await patient.getByRole('button', { name: 'Share' }).click();
    await patient.getByLabel('Clinician’s account address').fill(DEMO_ACCOUNTS.clinician.address);
    await patient.getByLabel('Access ends after').selectOption('30d');
    await patient.getByRole('button', { name: 'Share record' }).click();
    // No public profile: the short address stands in for a name.
    await expect(patient.getByTestId('active-grant').getByTestId('grant-holder')).toContainText('0x3C44…93BC');
  });

  await test.step('the clinician sees the shared record and opens it decrypted', async () => {
    // No reload: the clinician's page picks up the new grant by itself.
    const shared = clinician.getByTestId('shared-record');
    await expect(shared).toHaveAttribute('data-status', 'active');
    await expect(clinician.getByTestId('shared-record-title')).toHaveText(FILE_NAME);
    await clinician.getByRole('button', { name: 'Open' }).click();
    await expect(clinician.getByTestId('record-text')).toHaveText(SECRET);
  });

  await test.step('the patient revokes and the clinician loses access', async () => {
    await patient.getByRole('button', { name: 'Revoke' }).click();
    await expect(patient.getByText(/Access revoked/)).toBeVisible();
    await expect(patient.getByTestId('active-grant')).toHaveCount(0);
    await expect(clinician.getByTestId('shared-record')).toHaveAttribute('data-status', 'revoked', { timeout: 30_000 });
    await expect(clinician.getByTestId('record-text')).toHaveCount(0);
    await expect(clinician.getByRole('button', { name: 'Open' })).toHaveCount(0);
  });

  await test.step('the patient’s activity timeline, read from the chain, shows what happened', async () => {
    await openPatientTab(patient, 'Activity');
    const timeline = patient.getByTestId('activity-timeline');
    await expect(timeline.getByTestId('activity-entry').first()).toHaveAttribute('data-kind', 'revoked');
    await expect(timeline).toContainText(`You revoked 0x3C44…93BC’s access to ${FILE_NAME}.`);
    await expect(timeline).toContainText(`You shared ${FILE_NAME} with 0x3C44…93BC`);
    await expect(timeline).toContainText(`You added ${FILE_NAME}.`);
    await expect(timeline).toContainText('You set up your encryption key.');
  });

  await test.step('the plaintext never left either browser', async () => {
    expect(traffic.entries.length).toBeGreaterThan(20);
    expect(findLeaks(traffic, SECRET)).toEqual([]);
    // File names are health metadata too.
    expect(findLeaks(traffic, FILE_NAME)).toEqual([]);
  });

  await patientContext.close();
  await clinicianContext.close();
});
