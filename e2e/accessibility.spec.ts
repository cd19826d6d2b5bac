import { expectAccessible } from './a11y';
import { SPARE_ACCOUNTS } from './accounts';
import { connectWallet, expect, installTestWallet, openPatientTab, test, unlockKey, type PatientTabName } from './fixtures';

for (const colorScheme of ['light', 'dark'] as const) {
  test(`main screens have no serious accessibility violations (${colorScheme})`, async ({ browser, traffic }) => {
    const shot = (name: string) => test.info().outputPath(`${name}-${colorScheme}.png`);
    const patientContext = await browser.newContext({ colorScheme });
    const clinicianContext = await browser.newContext({ colorScheme });
    await installTestWallet(patientContext, SPARE_ACCOUNTS.a11yPatient, traffic);
    await installTestWallet(clinicianContext, SPARE_ACCOUNTS.a11yClinician, traffic);
    const patient = await patientContext.newPage();
    const clinician = await clinicianContext.newPage();

    await patient.goto('/');
    await expectAccessible(patient, 'home');
    await patient.screenshot({ path: shot('home'), fullPage: true });

    await clinician.goto('/clinician');
    await connectWallet(clinician, /connect wallet to continue/i);
    await unlockKey(clinician);
    await expect(clinician.getByTestId('shared-empty').or(clinician.getByTestId('shared-record').first())).toBeVisible();

    await patient.goto('/patient');
    await expectAccessible(patient, 'patient, not connected');
    await connectWallet(patient, /connect wallet to continue/i);
    await expect(patient.getByRole('button', { name: /set up my key|unlock my records/i })).toBeVisible();
    await expectAccessible(patient, 'patient, key setup');
    await unlockKey(patient);
    // Both colour schemes share the accounts: whichever runs first adds the record and the grant.
    await expect(patient.getByTestId('records-empty').or(patient.getByTestId('record-item').first())).toBeVisible();
    if (await patient.getByTestId('records-empty').isVisible()) {
      await patient.getByTestId('record-file-input').setInputFiles({ name: 'referral-letter.txt', mimeType: 'text/plain', buffer: Buffer.from('Referral to orthopaedics.') });
    }
    await expect(patient.getByTestId('record-item')).toHaveCount(1, { timeout: 60_000 });
    await expectAccessible(patient, 'patient records');
    await patient.screenshot({ path: shot('patient-records'), fullPage: true });

    const alreadyShared = await patient.getByTestId('active-grant').count();
    await patient.getByRole('button', { name: 'Share' }).click();
    await expectAccessible(patient, 'share form');
    if (alreadyShared === 0) {
      await patient.getByLabel('Clinician’s account address').fill(SPARE_ACCOUNTS.a11yClinician);
      await patient.getByRole('button', { name: 'Share record' }).click();
      await expect(patient.getByTestId('active-grant')).toHaveCount(1);
    }
    await patient.screenshot({ path: shot('share-form'), fullPage: true });

    // Every other section of the patient page, each in its own tab, once its content has loaded.
    const tabs: readonly { tab: PatientTabName; loaded: string }[] = [
      { tab: 'Sharing', loaded: 'clinician-access' },
      { tab: 'Requests', loaded: 'requests-empty' },
      { tab: 'Activity', loaded: 'activity-timeline' },
      { tab: 'Export', loaded: 'export-records' },
    ];
    for (const { tab, loaded } of tabs) {
      await openPatientTab(patient, tab);
      await expect(patient.getByRole('tabpanel', { name: new RegExp(`^${tab}`) }).getByTestId(loaded).first()).toBeVisible();
      await expectAccessible(patient, `patient ${tab.toLowerCase()} tab`);
      await patient.screenshot({ path: shot(`patient-${tab.toLowerCase()}`), fullPage: true });
    }

    await expect(clinician.getByTestId('shared-record')).toHaveAttribute('data-status', 'active');
    await clinician.getByRole('button', { name: 'Open' }).click();
    await expect(clinician.getByTestId('record-text')).toBeVisible();
    await expectAccessible(clinician, 'clinician view');
    await clinician.screenshot({ path: shot('clinician-view'), fullPage: true });

    await patientContext.close();
    await clinicianContext.close();
  });
}
