import type { Page } from '@playwright/test';
import { SPARE_ACCOUNTS } from './accounts';
import { connectWallet, expect, findLeaks, installTestWallet, openPatientTab, recordItem, test, unlockKey } from './fixtures';
import { isPinned, newPinDuring, pinUnclaimed, recursivePins, served } from './ipfs-pins';

const PATIENT = SPARE_ACCOUNTS.removalPatient;
const CLINICIAN = SPARE_ACCOUNTS.removalClinician;

const stamp = Date.now().toString(36);
const FILES = {
  scan: { name: 'shoulder-scan-report.txt', text: `Small tear, no surgery needed ${stamp}` },
  letter: { name: 'lab-letter.txt', text: `Ferritin 18 ng/mL ${stamp}` },
  letterV2: { name: 'lab-letter-v2.txt', text: `Ferritin 41 ng/mL after iron ${stamp}` },
  legacy: { name: 'old-note.txt', text: `Stored the old way ${stamp}` },
} as const;

const sharedWith = (page: Page) => page.getByTestId('clinician-access').and(page.locator(`[data-clinician="${CLINICIAN.toLowerCase()}"]`));
// Next.js keeps an empty role="alert" route announcer on every page: only alerts with text are errors.
const errorAlerts = (page: Page) => page.getByRole('alert').filter({ hasText: /\S/ });

async function addFile(page: Page, file: { name: string; text: string }): Promise<void> {
  await page.getByTestId('record-file-input').setInputFiles({ name: file.name, mimeType: 'text/plain', buffer: Buffer.from(file.text) });
  await expect(recordItem(page, file.name)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('pending-upload')).toHaveCount(0);
}

test('removing or replacing a record deletes its encrypted file from Chartkey’s storage', async ({ browser, traffic }) => {
  test.setTimeout(300_000);
  const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
  const [patientContext, clinicianContext] = contexts;
  await installTestWallet(patientContext, PATIENT, traffic);
  await installTestWallet(clinicianContext, CLINICIAN, traffic);
  const patient = await patientContext.newPage();
  const clinician = await clinicianContext.newPage();

  await test.step('the clinician sets up a key (needed to share with them later)', async () => {
    await clinician.goto('/clinician');
    await connectWallet(clinician, /connect wallet to continue/i);
    await unlockKey(clinician);
    await expect(clinician.getByTestId('shared-empty')).toBeVisible();
  });

  let scan = { cid: '', name: '' };
  let letter = { cid: '', name: '' };
  await test.step('each upload is pinned under its own removal claim', async () => {
    await patient.goto('/patient');
    await connectWallet(patient, /connect wallet to continue/i);
    await unlockKey(patient);
    scan = await newPinDuring(() => addFile(patient, FILES.scan));
    letter = await newPinDuring(() => addFile(patient, FILES.letter));
    for (const pin of [scan, letter]) expect(pin.name).toMatch(/^chartkey-unpin:[0-9a-f]{64}$/);
    expect(scan.name).not.toBe(letter.name);
    expect(await served(patient, scan.cid)).toBe(200);
  });

  await test.step('removing a record unpins its file; the removal reads as done, with no error', async () => {
    const item = recordItem(patient, FILES.scan.name);
    await item.getByRole('button', { name: 'Remove', exact: true }).click();
    const panel = item.getByTestId('remove-panel');
    await expect(panel).toContainText('Its encrypted file is deleted from Chartkey’s storage');
    await expect(panel).toContainText('may keep it');
    await item.getByRole('button', { name: 'Yes, remove this record' }).click();

    await expect(recordItem(patient, FILES.scan.name)).toHaveCount(0);
    const notice = patient.getByTestId('storage-notice');
    await expect(notice).toContainText(`“${FILES.scan.name}” was removed`);
    await expect(notice).toContainText('Its encrypted file was deleted from Chartkey’s storage.');
    await expect(errorAlerts(patient)).toHaveCount(0);
    expect(await isPinned(scan.cid)).toBe(false);
    expect(await served(patient, scan.cid)).toBe(410);
    // The other record is untouched.
    expect(await isPinned(letter.cid)).toBe(true);
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(patient.getByTestId('storage-notice')).toHaveCount(0);
  });

  let letterV2 = { cid: '', name: '' };
  await test.step('a new version unpins the previous version’s file', async () => {
    letterV2 = await newPinDuring(async () => {
      const item = recordItem(patient, FILES.letter.name);
      await item.getByRole('button', { name: 'Replace with a new version' }).click();
      await item.getByTestId('replace-file-input').setInputFiles({ name: FILES.letterV2.name, mimeType: 'text/plain', buffer: Buffer.from(FILES.letterV2.text) });
      await expect(recordItem(patient, FILES.letterV2.name)).toBeVisible({ timeout: 60_000 });
    });
    await expect.poll(() => isPinned(letter.cid)).toBe(false);
    expect(await isPinned(letterV2.cid)).toBe(true);
    expect(await served(patient, letter.cid)).toBe(410);
    const notice = patient.getByTestId('storage-notice');
    await expect(notice).toContainText(`A new version of “${FILES.letter.name}” is saved. Earlier versions can no longer be opened through Chartkey.`);
    await expect(errorAlerts(patient)).toHaveCount(0);
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(patient.getByTestId('storage-notice')).toHaveCount(0);
  });

  await test.step('ending a clinician’s access with re-keying unpins the version they could open', async () => {
    const item = recordItem(patient, FILES.letterV2.name);
    await item.getByRole('button', { name: 'Share', exact: true }).click();
    await item.getByLabel('Clinician’s account address').fill(CLINICIAN);
    await item.getByRole('button', { name: 'Share record' }).click();
    await openPatientTab(patient, 'Sharing');
    await expect(sharedWith(patient).getByTestId('shared-grant')).toHaveCount(1);
    await expect(clinician.locator('[data-testid="shared-record"][data-status="active"]')).toHaveCount(1, { timeout: 30_000 });

    const rekeyed = await newPinDuring(async () => {
      const access = sharedWith(patient);
      await access.getByRole('button', { name: `End access to ${FILES.letterV2.name}` }).click();
      await access.getByLabel(/Also re-key the record/).check();
      await access.getByRole('button', { name: 'Yes, end access' }).click();
      await expect(patient.getByTestId('sharing-overview')).toContainText('re-keyed', { timeout: 60_000 });
    });
    // The clinician's old locator now points at a file the storage node no longer serves.
    await expect.poll(() => isPinned(letterV2.cid)).toBe(false);
    expect(await served(clinician, letterV2.cid)).toBe(410);
    expect(await isPinned(rekeyed.cid)).toBe(true);
    await expect(patient.getByTestId('storage-notice')).toHaveCount(0);
    await openPatientTab(patient, 'Records');
    await recordItem(patient, FILES.letterV2.name).getByRole('button', { name: 'Open' }).click();
    await expect(recordItem(patient, FILES.letterV2.name).getByTestId('record-text')).toHaveText(FILES.letterV2.text);
  });

  await test.step('a file stored without a claim (before this feature) is kept, and the patient is told calmly why', async () => {
    // The route now refuses uploads without a claim; stand in for the route of an old build, which
    // pinned the same bytes without a name.
    await patient.route('**/api/ipfs', async (route) => {
      const body = route.request().postDataBuffer();
      if (route.request().method() !== 'POST' || body === null) return route.continue();
      await route.fulfill({ status: 201, json: { cid: await pinUnclaimed(body) } });
    });
    const legacy = await newPinDuring(() => addFile(patient, FILES.legacy), () => recursivePins());
    await patient.unroute('**/api/ipfs');
    expect(legacy.name).toBe('');

    const item = recordItem(patient, FILES.legacy.name);
    await item.getByRole('button', { name: 'Remove', exact: true }).click();
    await item.getByRole('button', { name: 'Yes, remove this record' }).click();
    await expect(recordItem(patient, FILES.legacy.name)).toHaveCount(0);
    const notice = patient.getByTestId('storage-notice');
    await expect(notice).toContainText(`“${FILES.legacy.name}” was removed, and nobody can open it through Chartkey any more.`);
    await expect(notice).toContainText('stored before removal from storage was possible');
    await expect(notice).toContainText('It stays encrypted');
    await expect(errorAlerts(patient)).toHaveCount(0);
    expect(await isPinned(legacy.cid)).toBe(true);
  });

  await test.step('no plaintext or file name left the browsers', async () => {
    for (const { name, text } of Object.values(FILES)) {
      expect(findLeaks(traffic, text)).toEqual([]);
      expect(findLeaks(traffic, name)).toEqual([]);
    }
  });

  for (const context of contexts) await context.close();
});
