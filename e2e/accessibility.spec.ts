import { expectAccessible } from './a11y';
import { SPARE_ACCOUNTS } from './accounts';
import { expect, test, textFile, type PatientTabName } from './fixtures';

const RECORD = { name: 'referral-letter.txt', text: 'Referral to orthopaedics.' };

test.use({ patientAccount: SPARE_ACCOUNTS.a11yPatient, clinicianAccount: SPARE_ACCOUNTS.a11yClinician });

for (const colorScheme of ['light', 'dark'] as const) {
  // An anonymous group: only to set the colour scheme, leaving the test's title as it was.
  test.describe(() => {
    test.use({ colorScheme });

    test(`main screens have no serious accessibility violations (${colorScheme})`, async ({ patient, clinician }) => {
      const shot = (name: string) => test.info().outputPath(`${name}-${colorScheme}.png`);

      // The clinician's set-up and the patient's first screens need nothing from each other, so they run at once.
      await Promise.all([
        (async () => {
          await clinician.signIn();
          // This patient shares without being asked (the dark run finds the light run's share); keeping
          // such shares apart is unsolicited-shares.spec's.
          await clinician.showAllSharesTogether();
          await expect(clinician.sharedEmpty.or(clinician.sharedRecords.first())).toBeVisible();
        })(),
        (async () => {
          await patient.page.goto('/');
          await expectAccessible(patient.page, 'home');
          await patient.screenshot(shot('home'));

          await patient.goto();
          await expectAccessible(patient.page, 'patient, not connected');
          await patient.connectWallet();
          await expect(patient.keyButton).toBeVisible();
          await expectAccessible(patient.page, 'patient, key setup');
          await patient.unlock();
          // Both colour schemes share the accounts: whichever runs first adds the record and the grant.
          await expect(patient.recordsEmpty.or(patient.records.first())).toBeVisible();
          if (await patient.recordsEmpty.isVisible()) await patient.chooseFiles(textFile(RECORD));
          await expect(patient.records).toHaveCount(1, { timeout: 60_000 });
          await expectAccessible(patient.page, 'patient records');
          await patient.screenshot(shot('patient-records'));
        })(),
      ]);

      const alreadyShared = await patient.activeGrants.count();
      const form = await patient.openShareForm(RECORD.name);
      await expectAccessible(patient.page, 'share form');
      if (alreadyShared === 0) {
        await form.fill(SPARE_ACCOUNTS.a11yClinician);
        await form.submit();
        await expect(patient.activeGrants).toHaveCount(1);
      }
      await patient.screenshot(shot('share-form'));

      // Every other section of the patient page, each in its own tab, once its content has loaded.
      const tabs: readonly { tab: PatientTabName; loaded: string }[] = [
        { tab: 'Sharing', loaded: 'clinician-access' },
        { tab: 'Requests', loaded: 'requests-empty' },
        { tab: 'Activity', loaded: 'activity-timeline' },
        { tab: 'Export', loaded: 'export-records' },
      ];
      for (const { tab, loaded } of tabs) {
        await patient.openTab(tab);
        await expect(patient.tabPanel(tab).getByTestId(loaded).first()).toBeVisible();
        await expectAccessible(patient.page, `patient ${tab.toLowerCase()} tab`);
        await patient.screenshot(shot(`patient-${tab.toLowerCase()}`));
      }

      await expect(clinician.sharedRecords).toHaveAttribute('data-status', 'active');
      await clinician.openSharedRecord(RECORD.name);
      await expect(clinician.recordText).toBeVisible();
      await expectAccessible(clinician.page, 'clinician view');
      await clinician.screenshot(shot('clinician-view'));
    });
  });
}
