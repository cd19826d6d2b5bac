import { expectAccessible } from './a11y';
import { SPARE_ACCOUNTS } from './accounts';
import { AttesterPage, expect, findLeaks, test, textFile } from './fixtures';

const SECRET = `Echocardiogram: ejection fraction 58% — request marker ${Date.now().toString(36)}`;
const FILE_NAME = 'echo-report.txt';
const CLINICIAN_NAME = 'Dr. Rhea Okafor';
const ORGANISATION = 'Riverside Heart Clinic';
const PATIENT = SPARE_ACCOUNTS.requestsPatient;
const CLINICIAN = SPARE_ACCOUNTS.requestsClinician;

// The attester is the fixtures' default: the deployer, as on the demo chain.
test.use({ patientAccount: PATIENT, clinicianAccount: CLINICIAN });

test('a clinician publishes a profile, is verified, asks for access; the patient approves one request and denies another', async ({ patient, clinician, attester, traffic }) => {
  const shot = (name: string) => test.info().outputPath(`${name}.png`);

  // The patient's set-up needs nothing from the clinician or the attester until the clinician asks, so it runs beside theirs.
  await Promise.all([
    (async () => {
      await test.step('a first-time clinician is asked to publish a profile, then publishes it', async () => {
        await clinician.signIn();
        await expect(clinician.profileEmpty).toBeVisible();
        // Asking for access needs a profile first.
        await expect(clinician.sendRequestButton).toBeDisabled();
        await expectAccessible(clinician.page, 'clinician onboarding');
        await clinician.page.emulateMedia({ colorScheme: 'dark' });
        await expectAccessible(clinician.page, 'clinician onboarding (dark)');
        await clinician.page.emulateMedia({ colorScheme: 'light' });
        await clinician.screenshot(shot('clinician-onboarding'));
        await clinician.publishProfile(CLINICIAN_NAME, ORGANISATION);
        await expect(clinician.profileName).toHaveText(CLINICIAN_NAME);
        await expect(clinician.profileCurrent.getByTestId('unverified-badge')).toBeVisible();
      });

      await test.step('the attester verifies the clinician', async () => {
        await attester.signIn();
        const row = attester.clinician(CLINICIAN);
        await expect(row).toContainText(CLINICIAN_NAME);
        await expect(row).toContainText(ORGANISATION);
        await expectAccessible(attester.page, 'attester screen');
        await attester.page.emulateMedia({ colorScheme: 'dark' });
        await expectAccessible(attester.page, 'attester screen (dark)');
        await attester.page.emulateMedia({ colorScheme: 'light' });
        await attester.verify(CLINICIAN, CLINICIAN_NAME);
        await expect(row.getByTestId('verified-badge')).toBeVisible();
        await expect(attester.withdrawButton(CLINICIAN, CLINICIAN_NAME)).toBeVisible();
        await attester.screenshot(shot('attester'));
      });

      await test.step('the clinician’s own profile shows the verification without a reload', async () => {
        await expect(clinician.profileCurrent.getByTestId('verified-badge')).toBeVisible({ timeout: 30_000 });
      });

      await test.step('an account without the attester role is told it cannot verify', async () => {
        // The clinician, in a second tab of their browser.
        const other = new AttesterPage(await clinician.page.context().newPage());
        await other.signIn();
        await expect(other.notAttester).toBeVisible();
        await other.page.close();
      });
    })(),
    test.step('the patient sets up a key and adds a record', async () => {
      await patient.signIn();
      await patient.openTab('Requests');
      await expect(patient.requestsEmpty).toBeVisible();
      await expect(patient.tabBadge).toHaveCount(0);
      await patient.openTab('Records');
      await patient.chooseFiles(textFile({ name: FILE_NAME, text: SECRET }));
      await expect(patient.recordTitles).toHaveText(FILE_NAME, { timeout: 60_000 });
    }),
  ]);

  await test.step('the clinician asks the patient for access for treatment', async () => {
    await clinician.requestAccess(PATIENT, 'treatment');
    await expect(clinician.myRequests).toHaveCount(1);
    await expect(clinician.myRequests.first()).toHaveAttribute('data-status', 'pending');
    await expect(clinician.myRequests.first()).toContainText(PATIENT);
  });

  await test.step('the patient sees who asks (verified), what and why, and approves for 30 days', async () => {
    // No reload: the Requests tab counts new requests by itself, before it is opened.
    await expect(patient.page.getByRole('tab', { name: 'Requests (1 waiting for your answer)' })).toBeVisible({ timeout: 30_000 });
    await expect(patient.tabBadge).toHaveText('1');
    await patient.openTab('Requests');
    const request = patient.accessRequests;
    await expect(request).toHaveCount(1, { timeout: 30_000 });
    await expect(request.getByTestId('clinician-identity')).toContainText(CLINICIAN_NAME);
    await expect(request.getByTestId('verified-badge')).toBeVisible();
    await expect(request.getByTestId('request-scope')).toHaveText('All records');
    await expect(request.getByTestId('request-purpose')).toContainText('ongoing care');
    await expectAccessible(patient.page, 'requests inbox');
    await patient.page.emulateMedia({ colorScheme: 'dark' });
    await expectAccessible(patient.page, 'requests inbox (dark)');
    await patient.page.emulateMedia({ colorScheme: 'light' });
    await patient.screenshot(shot('requests-inbox'));

    await patient.startApproving();
    await expect(patient.approvalChoice(FILE_NAME)).toBeChecked();
    await patient.chooseApprovalEnd('30d');
    await expectAccessible(patient.page, 'approve panel');
    await patient.screenshot(shot('approve-panel'));
    await patient.confirmApproval(1);
    await expect(patient.page.getByText(/Request approved: the clinician can open 1 record until/)).toBeVisible();
    await expect(patient.accessRequests).toHaveCount(0);
    await expect(patient.requestsEmpty).toBeVisible();
    await expect(patient.tabBadge).toHaveCount(0);
    await patient.openTab('Records');
    // The record says who can see it by the clinician's public name, with the verification badge.
    const grant = patient.activeGrants;
    await expect(grant.getByTestId('grant-holder')).toContainText(CLINICIAN_NAME);
    await expect(grant.getByTestId('grant-holder')).toContainText(ORGANISATION);
    await expect(grant.getByTestId('verified-badge')).toBeVisible();
    await expect(grant.getByTestId('grant-holder')).toHaveAttribute('title', CLINICIAN);
  });

  await test.step('the clinician sees the request approved and opens the shared record', async () => {
    await expect(clinician.myRequests.first()).toHaveAttribute('data-status', 'approved', { timeout: 30_000 });
    await expect(clinician.sharedRecords).toHaveAttribute('data-status', 'active', { timeout: 30_000 });
    await expect(clinician.sharedRecordTitles).toHaveText(FILE_NAME);
    await clinician.openSharedRecord(FILE_NAME);
    await expect(clinician.recordText).toHaveText(SECRET);
  });

  await test.step('a second request is denied and the clinician sees it denied', async () => {
    await clinician.requestAccess(PATIENT, 'second-opinion');
    await expect(clinician.myRequests).toHaveCount(2);
    await expect(clinician.myRequests.first()).toHaveAttribute('data-status', 'pending');

    await expect(patient.tabBadge).toHaveText('1', { timeout: 30_000 });
    await patient.openTab('Requests');
    const request = patient.accessRequests;
    await expect(request).toHaveCount(1, { timeout: 30_000 });
    await expect(request.getByTestId('request-purpose')).toContainText('second opinion');
    await patient.denyRequest();
    await expect(patient.page.getByText(/Request denied/)).toBeVisible();
    await expect(patient.accessRequests).toHaveCount(0);
    // The patient's timeline names the clinician by their public profile.
    await patient.openTab('Activity');
    await expect(patient.activityEntries.first()).toHaveText(new RegExp(`You denied ${CLINICIAN_NAME}’s request\\.`));
    await expect(patient.activityTimeline).toContainText(`${CLINICIAN_NAME} asked for access.`);
    await patient.screenshot(shot('patient-activity'));

    const newest = clinician.myRequests.first();
    await expect(newest).toHaveAttribute('data-status', 'denied', { timeout: 30_000 });
    await expect(newest.getByTestId('my-request-status')).toHaveText('Denied');
    // The first request stays approved, and the shared record stays open to the clinician.
    await expect(clinician.myRequests.nth(1)).toHaveAttribute('data-status', 'approved');
    await expect(clinician.sharedRecords).toHaveAttribute('data-status', 'active');
    await clinician.screenshot(shot('clinician-requests'));
  });

  await test.step('the record’s content and name never left the browsers', async () => {
    expect(findLeaks(traffic, SECRET)).toEqual([]);
    expect(findLeaks(traffic, FILE_NAME)).toEqual([]);
  });
});
