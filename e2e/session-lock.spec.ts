import { SPARE_ACCOUNTS } from './accounts';
import { expect, test, textFile } from './fixtures';

const stamp = Date.now().toString(36);
const FILE = { name: `allergy-letter-${stamp}.txt`, text: `Penicillin allergy confirmed ${stamp}` };

test.use({ patientAccount: SPARE_ACCOUNTS.lockPatient });

test('records lock on request and after a quarter of an hour unused, dropping everything decrypted', async ({ patient }) => {
  const { page } = patient;
  // The page's own clock, so fifteen idle minutes pass in a moment; it runs normally otherwise.
  await page.context().clock.install();
  await patient.signIn();

  const item = patient.records.filter({ hasText: FILE.name });
  await patient.chooseFiles(textFile(FILE));
  await expect(item).toBeVisible({ timeout: 60_000 });
  await patient.openRecord(FILE.name);
  await expect(item).toContainText(FILE.text);

  await test.step('locking removes the key and everything decrypted from the page', async () => {
    await patient.lock();
    await expect(patient.lockedNotice).toContainText('Locked. Your key and everything decrypted were removed');
    // Keyboard users are not left on a button that vanished.
    await expect(patient.unlockButton).toBeFocused();
    await expect(patient.lockButton).toHaveCount(0);
    const body = await page.locator('body').innerText();
    expect(body).not.toContain(FILE.name);
    expect(body).not.toContain(FILE.text);
  });

  await test.step('one signature unlocks again, and the record decrypts afresh', async () => {
    await patient.unlock();
    await expect(item).toBeVisible();
    await expect(patient.lockedNotice).toHaveCount(0);
    await patient.openRecord(FILE.name);
    await expect(item).toContainText(FILE.text);
  });

  await test.step('activity keeps the records open; fifteen minutes without any locks them', async () => {
    await page.clock.fastForward('10:00');
    await page.keyboard.press('Shift');
    await page.clock.fastForward('10:00');
    // Twenty minutes since unlocking, but only ten since the key press.
    await expect(item).toContainText(FILE.text);
    await expect(patient.lockButton).toBeVisible();
    await page.clock.fastForward('05:01');
    await expect(patient.lockedNotice).toContainText('Locked after 15 minutes without activity');
    await expect(patient.lockButton).toHaveCount(0);
    expect(await page.locator('body').innerText()).not.toContain(FILE.text);
  });
});
