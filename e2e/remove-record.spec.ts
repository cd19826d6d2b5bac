import { SPARE_ACCOUNTS } from './accounts';
import { expect, findLeaks, test, textFile, type PatientPage } from './fixtures';
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

test.use({ patientAccount: PATIENT, clinicianAccount: CLINICIAN });

async function addFile(patient: PatientPage, file: { name: string; text: string }): Promise<void> {
  await patient.addRecord(textFile(file));
  await expect(patient.pendingUploads).toHaveCount(0);
}

test('removing or replacing a record deletes its encrypted file from Chartkey’s storage', async ({ patient, clinician, traffic }) => {
  test.setTimeout(300_000);

  let scan = { cid: '', name: '' };
  let letter = { cid: '', name: '' };
  // Neither party needs the other until the patient shares, so both set up at once.
  await Promise.all([
    test.step('the clinician sets up a key (needed to share with them later)', async () => {
      await clinician.signIn();
      await expect(clinician.sharedEmpty).toBeVisible();
      // This patient shares without being asked; keeping such shares apart is unsolicited-shares.spec's.
      await clinician.showAllSharesTogether();
    }),
    test.step('each upload is pinned under its own removal claim', async () => {
      await patient.signIn();
      scan = await newPinDuring(() => addFile(patient, FILES.scan));
      letter = await newPinDuring(() => addFile(patient, FILES.letter));
      for (const pin of [scan, letter]) expect(pin.name).toMatch(/^chartkey-unpin:[0-9a-f]{64}$/);
      expect(scan.name).not.toBe(letter.name);
      expect(await served(patient.page, scan.cid)).toBe(200);
    }),
  ]);

  await test.step('removing a record unpins its file; the removal reads as done, with no error', async () => {
    const panel = await patient.askToRemove(FILES.scan.name);
    await expect(panel).toContainText('Its encrypted file is deleted from Chartkey’s storage');
    await expect(panel).toContainText('may keep it');
    await patient.confirmRemoval(FILES.scan.name);

    await expect(patient.record(FILES.scan.name)).toHaveCount(0);
    await expect(patient.storageNotice).toContainText(`“${FILES.scan.name}” was removed`);
    await expect(patient.storageNotice).toContainText('Its encrypted file was deleted from Chartkey’s storage.');
    await expect(patient.errorAlerts).toHaveCount(0);
    expect(await isPinned(scan.cid)).toBe(false);
    expect(await served(patient.page, scan.cid)).toBe(410);
    // The other record is untouched.
    expect(await isPinned(letter.cid)).toBe(true);
    await patient.dismissStorageNotice();
    await expect(patient.storageNotice).toHaveCount(0);
  });

  let letterV2 = { cid: '', name: '' };
  await test.step('a new version unpins the previous version’s file', async () => {
    letterV2 = await newPinDuring(async () => {
      await patient.replaceRecord(FILES.letter.name, textFile(FILES.letterV2));
      await expect(patient.record(FILES.letterV2.name)).toBeVisible({ timeout: 60_000 });
    });
    await expect.poll(() => isPinned(letter.cid)).toBe(false);
    expect(await isPinned(letterV2.cid)).toBe(true);
    expect(await served(patient.page, letter.cid)).toBe(410);
    await expect(patient.storageNotice).toContainText(`A new version of “${FILES.letter.name}” is saved. Earlier versions can no longer be opened through Chartkey.`);
    await expect(patient.errorAlerts).toHaveCount(0);
    await patient.dismissStorageNotice();
    await expect(patient.storageNotice).toHaveCount(0);
  });

  await test.step('ending a clinician’s access with re-keying unpins the version they could open', async () => {
    await patient.shareRecord(FILES.letterV2.name, CLINICIAN);
    await patient.openTab('Sharing');
    await expect(patient.sharedWith(CLINICIAN).getByTestId('shared-grant')).toHaveCount(1);
    await expect(clinician.openToMe).toHaveCount(1, { timeout: 30_000 });

    const rekeyed = await newPinDuring(async () => {
      await patient.endAccess(CLINICIAN, FILES.letterV2.name, { rekey: true });
      await expect(patient.sharingOverview).toContainText('re-keyed', { timeout: 60_000 });
    });
    // The clinician's old locator now points at a file the storage node no longer serves.
    await expect.poll(() => isPinned(letterV2.cid)).toBe(false);
    expect(await served(clinician.page, letterV2.cid)).toBe(410);
    expect(await isPinned(rekeyed.cid)).toBe(true);
    await expect(patient.storageNotice).toHaveCount(0);
    await patient.openTab('Records');
    await patient.openRecord(FILES.letterV2.name);
    await expect(patient.recordText(FILES.letterV2.name)).toHaveText(FILES.letterV2.text);
  });

  await test.step('a file stored without a claim (before this feature) is kept, and the patient is told calmly why', async () => {
    // The route now refuses uploads without a claim; stand in for the route of an old build, which
    // pinned the same bytes without a name.
    await patient.page.route('**/api/ipfs', async (route) => {
      const body = route.request().postDataBuffer();
      if (route.request().method() !== 'POST' || body === null) return route.continue();
      await route.fulfill({ status: 201, json: { cid: await pinUnclaimed(body) } });
    });
    const legacy = await newPinDuring(() => addFile(patient, FILES.legacy), () => recursivePins());
    await patient.page.unroute('**/api/ipfs');
    expect(legacy.name).toBe('');

    await patient.removeRecord(FILES.legacy.name);
    await expect(patient.record(FILES.legacy.name)).toHaveCount(0);
    await expect(patient.storageNotice).toContainText(`“${FILES.legacy.name}” was removed, and nobody can open it through Chartkey any more.`);
    await expect(patient.storageNotice).toContainText('stored before removal from storage was possible');
    await expect(patient.storageNotice).toContainText('It stays encrypted');
    await expect(patient.errorAlerts).toHaveCount(0);
    expect(await isPinned(legacy.cid)).toBe(true);
  });

  await test.step('no plaintext or file name left the browsers', async () => {
    for (const { name, text } of Object.values(FILES)) {
      expect(findLeaks(traffic, text)).toEqual([]);
      expect(findLeaks(traffic, name)).toEqual([]);
    }
  });
});
