import { DEMO_ACCOUNTS } from '../lib/wallet/demo-accounts';
import { expectAccessible } from './a11y';
import { SPARE_ACCOUNTS } from './accounts';
import { connectWallet, expect, findLeaks, installTestWallet, openPatientTab, test, unlockKey } from './fixtures';

const SECRET = `Echocardiogram: ejection fraction 58% — request marker ${Date.now().toString(36)}`;
const FILE_NAME = 'echo-report.txt';
const CLINICIAN_NAME = 'Dr. Rhea Okafor';
const ORGANISATION = 'Riverside Heart Clinic';

test('a clinician publishes a profile, is verified, asks for access; the patient approves one request and denies another', async ({ browser, traffic }) => {
  const shot = (name: string) => test.info().outputPath(`${name}.png`);
  const clinicianContext = await browser.newContext();
  const attesterContext = await browser.newContext();
  const patientContext = await browser.newContext();
  await installTestWallet(clinicianContext, SPARE_ACCOUNTS.requestsClinician, traffic);
  await installTestWallet(attesterContext, DEMO_ACCOUNTS.deployer.address, traffic);
  await installTestWallet(patientContext, SPARE_ACCOUNTS.requestsPatient, traffic);
  const clinician = await clinicianContext.newPage();
  const attester = await attesterContext.newPage();
  const patient = await patientContext.newPage();

  await test.step('a first-time clinician is asked to publish a profile, then publishes it', async () => {
    await clinician.goto('/clinician');
    await connectWallet(clinician, /connect wallet to continue/i);
    await unlockKey(clinician);
    await expect(clinician.getByTestId('profile-empty')).toBeVisible();
    // Asking for access needs a profile first.
    await expect(clinician.getByRole('button', { name: 'Send request' })).toBeDisabled();
    await expectAccessible(clinician, 'clinician onboarding');
    await clinician.emulateMedia({ colorScheme: 'dark' });
    await expectAccessible(clinician, 'clinician onboarding (dark)');
    await clinician.emulateMedia({ colorScheme: 'light' });
    await clinician.screenshot({ path: shot('clinician-onboarding'), fullPage: true });
    await clinician.getByLabel('Display name').fill(CLINICIAN_NAME);
    await clinician.getByLabel('Organisation (optional)').fill(ORGANISATION);
    await clinician.getByRole('button', { name: 'Publish profile' }).click();
    await expect(clinician.getByTestId('profile-name')).toHaveText(CLINICIAN_NAME);
    await expect(clinician.getByTestId('profile-current').getByTestId('unverified-badge')).toBeVisible();
  });

  await test.step('the attester verifies the clinician', async () => {
    await attester.goto('/attester');
    await connectWallet(attester, /connect wallet to continue/i);
    const row = attester.locator(`[data-testid="attester-clinician"][data-address="${SPARE_ACCOUNTS.requestsClinician}"]`);
    await expect(row).toContainText(CLINICIAN_NAME);
    await expect(row).toContainText(ORGANISATION);
    await expectAccessible(attester, 'attester screen');
    await attester.emulateMedia({ colorScheme: 'dark' });
    await expectAccessible(attester, 'attester screen (dark)');
    await attester.emulateMedia({ colorScheme: 'light' });
    await row.getByRole('button', { name: `Verify ${CLINICIAN_NAME}` }).click();
    await expect(row.getByTestId('verified-badge')).toBeVisible();
    await expect(row.getByRole('button', { name: `Withdraw verification of ${CLINICIAN_NAME}` })).toBeVisible();
    await attester.screenshot({ path: shot('attester'), fullPage: true });
  });

  await test.step('the clinician’s own profile shows the verification without a reload', async () => {
    await expect(clinician.getByTestId('profile-current').getByTestId('verified-badge')).toBeVisible({ timeout: 30_000 });
  });

  await test.step('an account without the attester role is told it cannot verify', async () => {
    const other = await clinicianContext.newPage();
    await other.goto('/attester');
    await connectWallet(other, /connect wallet to continue/i);
    await expect(other.getByTestId('not-attester')).toBeVisible();
    await other.close();
  });

  await test.step('the patient sets up a key and adds a record', async () => {
    await patient.goto('/patient');
    await connectWallet(patient, /connect wallet to continue/i);
    await unlockKey(patient);
    await openPatientTab(patient, 'Requests');
    await expect(patient.getByTestId('requests-empty')).toBeVisible();
    await expect(patient.getByTestId('tab-badge')).toHaveCount(0);
    await openPatientTab(patient, 'Records');
    await patient.getByTestId('record-file-input').setInputFiles({ name: FILE_NAME, mimeType: 'text/plain', buffer: Buffer.from(SECRET) });
    await expect(patient.getByTestId('record-title')).toHaveText(FILE_NAME, { timeout: 60_000 });
  });

  await test.step('the clinician asks the patient for access for treatment', async () => {
    await clinician.getByLabel('Patient’s account address').fill(SPARE_ACCOUNTS.requestsPatient);
    await clinician.getByLabel('Why you need access').selectOption('treatment');
    await clinician.getByRole('button', { name: 'Send request' }).click();
    const mine = clinician.getByTestId('my-request');
    await expect(mine).toHaveCount(1);
    await expect(mine.first()).toHaveAttribute('data-status', 'pending');
    await expect(mine.first()).toContainText(SPARE_ACCOUNTS.requestsPatient);
  });

  await test.step('the patient sees who asks (verified), what and why, and approves for 30 days', async () => {
    // No reload: the Requests tab counts new requests by itself, before it is opened.
    await expect(patient.getByRole('tab', { name: 'Requests (1 waiting for your answer)' })).toBeVisible({ timeout: 30_000 });
    await expect(patient.getByTestId('tab-badge')).toHaveText('1');
    await openPatientTab(patient, 'Requests');
    const request = patient.getByTestId('access-request');
    await expect(request).toHaveCount(1, { timeout: 30_000 });
    await expect(request.getByTestId('clinician-identity')).toContainText(CLINICIAN_NAME);
    await expect(request.getByTestId('verified-badge')).toBeVisible();
    await expect(request.getByTestId('request-scope')).toHaveText('All records');
    await expect(request.getByTestId('request-purpose')).toContainText('ongoing care');
    await expectAccessible(patient, 'requests inbox');
    await patient.emulateMedia({ colorScheme: 'dark' });
    await expectAccessible(patient, 'requests inbox (dark)');
    await patient.emulateMedia({ colorScheme: 'light' });
    await patient.screenshot({ path: shot('requests-inbox'), fullPage: true });

    await request.getByRole('button', { name: /^Approve/ }).click();
    await expect(request.getByRole('checkbox', { name: FILE_NAME })).toBeChecked();
    await request.getByLabel('Access ends after').selectOption('30d');
    await expectAccessible(patient, 'approve panel');
    await patient.screenshot({ path: shot('approve-panel'), fullPage: true });
    await request.getByRole('button', { name: 'Share 1 record and approve' }).click();
    await expect(patient.getByText(/Request approved: the clinician can open 1 record until/)).toBeVisible();
    await expect(patient.getByTestId('access-request')).toHaveCount(0);
    await expect(patient.getByTestId('requests-empty')).toBeVisible();
    await expect(patient.getByTestId('tab-badge')).toHaveCount(0);
    await openPatientTab(patient, 'Records');
    // The record says who can see it by the clinician's public name, with the verification badge.
    const grant = patient.getByTestId('active-grant');
    await expect(grant.getByTestId('grant-holder')).toContainText(CLINICIAN_NAME);
    await expect(grant.getByTestId('grant-holder')).toContainText(ORGANISATION);
    await expect(grant.getByTestId('verified-badge')).toBeVisible();
    await expect(grant.getByTestId('grant-holder')).toHaveAttribute('title', SPARE_ACCOUNTS.requestsClinician);
  });

  await test.step('the clinician sees the request approved and opens the shared record', async () => {
    await expect(clinician.getByTestId('my-request').first()).toHaveAttribute('data-status', 'approved', { timeout: 30_000 });
    await expect(clinician.getByTestId('shared-record')).toHaveAttribute('data-status', 'active', { timeout: 30_000 });
    await expect(clinician.getByTestId('shared-record-title')).toHaveText(FILE_NAME);
    await clinician.getByRole('button', { name: 'Open' }).click();
    await expect(clinician.getByTestId('record-text')).toHaveText(SECRET);
  });

  await test.step('a second request is denied and the clinician sees it denied', async () => {
    await clinician.getByLabel('Patient’s account address').fill(SPARE_ACCOUNTS.requestsPatient);
    await clinician.getByLabel('Why you need access').selectOption('second-opinion');
    await clinician.getByRole('button', { name: 'Send request' }).click();
    await expect(clinician.getByTestId('my-request')).toHaveCount(2);
    await expect(clinician.getByTestId('my-request').first()).toHaveAttribute('data-status', 'pending');

    await expect(patient.getByTestId('tab-badge')).toHaveText('1', { timeout: 30_000 });
    await openPatientTab(patient, 'Requests');
    const request = patient.getByTestId('access-request');
    await expect(request).toHaveCount(1, { timeout: 30_000 });
    await expect(request.getByTestId('request-purpose')).toContainText('second opinion');
    await request.getByRole('button', { name: 'Deny' }).click();
    await expect(patient.getByText(/Request denied/)).toBeVisible();
    await expect(patient.getByTestId('access-request')).toHaveCount(0);
    // The patient's timeline names the clinician by their public profile.
    await openPatientTab(patient, 'Activity');
    const timeline = patient.getByTestId('activity-timeline');
    await expect(timeline.getByTestId('activity-entry').first()).toHaveText(new RegExp(`You denied ${CLINICIAN_NAME}’s request\\.`));
    await expect(timeline).toContainText(`${CLINICIAN_NAME} asked for access.`);
    await patient.screenshot({ path: shot('patient-activity'), fullPage: true });

    const newest = clinician.getByTestId('my-request').first();
    await expect(newest).toHaveAttribute('data-status', 'denied', { timeout: 30_000 });
    await expect(newest.getByTestId('my-request-status')).toHaveText('Denied');
    // The first request stays approved, and the shared record stays open to the clinician.
    await expect(clinician.getByTestId('my-request').nth(1)).toHaveAttribute('data-status', 'approved');
    await expect(clinician.getByTestId('shared-record')).toHaveAttribute('data-status', 'active');
    await clinician.screenshot({ path: shot('clinician-requests'), fullPage: true });
  });

  await test.step('the record’s content and name never left the browsers', async () => {
    expect(findLeaks(traffic, SECRET)).toEqual([]);
    expect(findLeaks(traffic, FILE_NAME)).toEqual([]);
  });

  await clinicianContext.close();
  await attesterContext.close();
  await patientContext.close();
});
