import { SPARE_ACCOUNTS } from './accounts';
import { connectWallet, expect, installTestWallet, test, unlockKey } from './fixtures';

const stamp = Date.now().toString(36);
const FILE = { name: `allergy-letter-${stamp}.txt`, text: `Penicillin allergy confirmed ${stamp}` };

test('records lock on request and after a quarter of an hour unused, dropping everything decrypted', async ({ browser, traffic }) => {
  const context = await browser.newContext();
  // The page's own clock, so fifteen idle minutes pass in a moment; it runs normally otherwise.
  await context.clock.install();
  await installTestWallet(context, SPARE_ACCOUNTS.lockPatient, traffic);
  const page = await context.newPage();
  await page.goto('/patient');
  await connectWallet(page, /connect wallet to continue/i);
  await unlockKey(page);

  const lockButton = page.getByRole('button', { name: 'Lock records' });
  const item = page.getByTestId('record-item').filter({ hasText: FILE.name });
  const unlockButton = page.getByRole('button', { name: 'Unlock my records' });

  await page.getByTestId('record-file-input').setInputFiles({ name: FILE.name, mimeType: 'text/plain', buffer: Buffer.from(FILE.text) });
  await expect(item).toBeVisible({ timeout: 60_000 });
  await item.getByRole('button', { name: 'Open' }).click();
  await expect(item).toContainText(FILE.text);

  await test.step('locking removes the key and everything decrypted from the page', async () => {
    await lockButton.click();
    await expect(page.getByTestId('locked-notice')).toContainText('Locked. Your key and everything decrypted were removed');
    // Keyboard users are not left on a button that vanished.
    await expect(unlockButton).toBeFocused();
    await expect(lockButton).toHaveCount(0);
    const body = await page.locator('body').innerText();
    expect(body).not.toContain(FILE.name);
    expect(body).not.toContain(FILE.text);
  });

  await test.step('one signature unlocks again, and the record decrypts afresh', async () => {
    await unlockKey(page);
    await expect(item).toBeVisible();
    await expect(page.getByTestId('locked-notice')).toHaveCount(0);
    await item.getByRole('button', { name: 'Open' }).click();
    await expect(item).toContainText(FILE.text);
  });

  await test.step('activity keeps the records open; fifteen minutes without any locks them', async () => {
    await page.clock.fastForward('10:00');
    await page.keyboard.press('Shift');
    await page.clock.fastForward('10:00');
    // Twenty minutes since unlocking, but only ten since the key press.
    await expect(item).toContainText(FILE.text);
    await expect(lockButton).toBeVisible();
    await page.clock.fastForward('05:01');
    await expect(page.getByTestId('locked-notice')).toContainText('Locked after 15 minutes without activity');
    await expect(lockButton).toHaveCount(0);
    expect(await page.locator('body').innerText()).not.toContain(FILE.text);
  });
  await context.close();
});
