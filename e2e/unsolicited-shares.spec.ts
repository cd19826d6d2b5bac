import { expectAccessible } from './a11y';
import { SPARE_ACCOUNTS } from './accounts';
import { expect, findLeaks, test, textFile } from './fixtures';

const CLINICIAN = SPARE_ACCOUNTS.unsolicitedClinician;
const ASKED = SPARE_ACCOUNTS.unsolicitedAskedPatient;
const STRANGER = SPARE_ACCOUNTS.unsolicitedStranger;
const stamp = Date.now().toString(36);
const ASKED_FILE = { name: 'asked-for-labs.txt', text: `HbA1c 5.4% ${stamp}` };
const STRANGER_FILE = { name: 'unasked-attachment.txt', text: `Something nobody asked for ${stamp}` };

test.use({ clinicianAccount: CLINICIAN, patientAccount: ASKED, secondPatientAccount: STRANGER });

test('a share from a patient the clinician never asked is kept apart, not fetched until opened on purpose, and can be hidden', async ({
  clinician,
  patient: asked,
  secondPatient: stranger,
  traffic,
}) => {
  test.setTimeout(240_000);
  const shot = (name: string) => test.info().outputPath(`${name}.png`);
  // Every storage request the clinician's page makes: a share nobody asked for must add none.
  const storageRequests: string[] = [];
  clinician.page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/ipfs')) storageRequests.push(request.url());
  });

  await Promise.all([
    test.step('the clinician publishes a profile (needed to ask for access)', async () => {
      await clinician.signIn();
      await expect(clinician.sharedEmpty).toBeVisible();
      await clinician.publishProfile('Dr. Careful Reader', 'Quiet Clinic');
      await expect(clinician.profileName).toHaveText('Dr. Careful Reader');
    }),
    ...[
      { party: asked, file: ASKED_FILE },
      { party: stranger, file: STRANGER_FILE },
    ].map(({ party, file }) =>
      test.step(`a patient adds ${file.name}`, async () => {
        await party.signIn();
        await party.chooseFiles(textFile(file));
        await expect(party.recordTitles).toHaveText(file.name, { timeout: 60_000 });
      }),
    ),
  ]);

  await test.step('a patient the clinician never asked shares a record with them', async () => {
    await stranger.shareRecord(STRANGER_FILE.name, CLINICIAN, '30d');
    await expect(stranger.grantsOn(STRANGER_FILE.name)).toHaveCount(1);
  });

  await test.step('the clinician sees it under Not requested: who and when only, nothing fetched', async () => {
    const share = clinician.unsolicitedShare(STRANGER);
    await expect(share).toBeVisible({ timeout: 30_000 });
    await expect(clinician.notRequested.getByRole('heading', { name: 'Not requested' })).toBeVisible();
    await expect(share).toContainText(/Shared on \w/);
    await expect(share.getByRole('button', { name: 'Open anyway' })).toBeVisible();
    await expect(clinician.sharedRecords).toHaveCount(0);
    await expect(clinician.page.getByText(STRANGER_FILE.name)).toHaveCount(0);
    expect(storageRequests).toEqual([]);
    await expectAccessible(clinician.page, 'clinician with a share not requested');
    await clinician.screenshot(shot('not-requested'));
  });

  await test.step('a share the clinician asked for and the patient approved appears and opens as before', async () => {
    await clinician.requestAccess(ASKED, 'treatment');
    await expect(clinician.myRequests).toHaveCount(1);
    await asked.openTab('Requests');
    await expect(asked.accessRequests).toHaveCount(1, { timeout: 30_000 });
    await asked.startApproving();
    await asked.chooseApprovalEnd('30d');
    await asked.confirmApproval(1);
    await expect(asked.page.getByText(/Request approved/)).toBeVisible();

    await expect(clinician.sharedRecord(ASKED_FILE.name)).toHaveAttribute('data-status', 'active', { timeout: 30_000 });
    // Its name was downloaded and decrypted by itself, as before: the watch above sees storage traffic.
    expect(storageRequests.length).toBeGreaterThan(0);
    await clinician.openSharedRecord(ASKED_FILE.name);
    await expect(clinician.recordText).toHaveText(ASKED_FILE.text);
    // The stranger's share is still apart and still unopened.
    await expect(clinician.unsolicitedShare(STRANGER)).toBeVisible();
    await expect(clinician.page.getByText(STRANGER_FILE.name)).toHaveCount(0);
  });

  await test.step('the clinician opens the unrequested share on purpose', async () => {
    const before = storageRequests.length;
    await clinician.openAnyway(STRANGER);
    await expect(clinician.notRequested.getByTestId('record-text')).toHaveText(STRANGER_FILE.text, { timeout: 30_000 });
    await expect(clinician.notRequested.getByTestId('shared-record-title')).toHaveText(STRANGER_FILE.name);
    expect(storageRequests.length).toBeGreaterThan(before);
  });

  await test.step('the clinician hides it; it stays hidden after a reload and can be shown again', async () => {
    await clinician.hideShares(STRANGER);
    await expect(clinician.unsolicitedShares).toHaveCount(0);
    await clinician.reloadAndUnlock();
    await expect(clinician.sharedRecord(ASKED_FILE.name)).toHaveAttribute('data-status', 'active', { timeout: 30_000 });
    await expect(clinician.unsolicitedShares).toHaveCount(0);
    await expect(clinician.page.getByText(STRANGER_FILE.name)).toHaveCount(0);
    await clinician.showHidden();
    await expect(clinician.hiddenShares).toHaveCount(1);
    await expect(clinician.hiddenShares).toContainText(STRANGER);
    await clinician.hiddenShares.getByRole('button', { name: 'Unhide' }).click();
    await expect(clinician.unsolicitedShare(STRANGER)).toBeVisible();
  });

  await test.step('with “Show shares from all patients together”, it is listed with the rest', async () => {
    await clinician.showAllSharesTogether();
    await expect(clinician.notRequested).toHaveCount(0);
    await expect(clinician.sharedRecord(STRANGER_FILE.name)).toHaveAttribute('data-status', 'active', { timeout: 30_000 });
    await expect(clinician.sharedRecord(ASKED_FILE.name)).toHaveAttribute('data-status', 'active');
  });

  await test.step('no record content or name left the browsers', async () => {
    for (const file of [ASKED_FILE, STRANGER_FILE]) {
      expect(findLeaks(traffic, file.text)).toEqual([]);
      expect(findLeaks(traffic, file.name)).toEqual([]);
    }
  });
});
