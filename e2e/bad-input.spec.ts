import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MAX_RECORD_BYTES } from '../lib/limits';
import { SPARE_ACCOUNTS } from './accounts';
import { connectWallet, expect, installTestWallet, test, unlockKey } from './fixtures';

test('bad input gets a clear message and loses nothing', async ({ browser, traffic }) => {
  const context = await browser.newContext();
  const wallet = await installTestWallet(context, SPARE_ACCOUNTS.badInputPatient, traffic);
  const page = await context.newPage();
  await page.goto('/patient');
  await connectWallet(page, /connect wallet to continue/i);

  await test.step('a rejected signature is not an error and the key can be unlocked afterwards', async () => {
    await wallet.rejectNext('personal_sign');
    await unlockKey(page);
    await expect(page.getByText(/You cancelled the signature/)).toBeVisible();
    await expect(page.getByRole('main').getByRole('alert')).toHaveCount(0);
    await unlockKey(page);
    await expect(page.getByRole('heading', { name: 'Add a record' })).toBeVisible();
  });

  await test.step('an empty file and a file over the limit are refused with the limit stated', async () => {
    await page.getByTestId('record-file-input').setInputFiles({ name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) });
    await expect(page.getByRole('main').getByRole('alert')).toContainText('This file is empty');
    const dir = mkdtempSync(path.join(tmpdir(), 'chartkey-e2e-'));
    const big = path.join(dir, 'too-big.bin');
    writeFileSync(big, '');
    truncateSync(big, MAX_RECORD_BYTES + 1); // sparse: no 50 MB written to disk
    await page.getByTestId('record-file-input').setInputFiles(big);
    await expect(page.getByRole('main').getByRole('alert')).toContainText('up to 50 MB');
    await expect(page.getByTestId('pending-upload')).toHaveCount(0);
  });

  await test.step('a rejected transaction keeps the encrypted upload for a retry', async () => {
    const before = await page.getByTestId('record-item').count();
    await wallet.rejectNext('eth_sendTransaction');
    await page.getByTestId('record-file-input').setInputFiles({ name: 'retry-me.txt', mimeType: 'text/plain', buffer: Buffer.from('kept for retry') });
    await expect(page.getByTestId('pending-upload')).toContainText('not added to your records');
    // The bar stays where it stopped (encrypted and stored, not added), short of 100 %.
    await expect(page.getByTestId('upload-stage')).toHaveText('Not finished');
    await expect(page.getByRole('progressbar', { name: 'Adding retry-me.txt' })).toHaveAttribute('aria-valuenow', '90');

    // Even closing the page loses nothing: the encrypted draft is back after a reload.
    await page.reload();
    await unlockKey(page);
    const pending = page.getByTestId('pending-upload');
    await expect(pending).toContainText('retry-me.txt');
    await expect(pending).toContainText('earlier visit');
    await pending.getByRole('button', { name: 'Retry' }).click();
    await expect(pending.getByTestId('upload-stage')).toHaveText('Done');
    await expect(page.getByTestId('pending-upload')).toHaveCount(0);
    await expect(page.getByTestId('record-item')).toHaveCount(before + 1);
  });

  const item = page.getByTestId('record-item').filter({ hasText: 'retry-me.txt' });
  await item.getByRole('button', { name: 'Share' }).click();
  const address = page.getByLabel('Clinician’s account address');
  const share = page.getByRole('button', { name: 'Share record' });

  await test.step('a malformed clinician address is refused before anything is sent', async () => {
    await address.fill('0x1234');
    await share.click();
    await expect(page.getByRole('main').getByRole('alert')).toContainText('not a valid account address');
  });

  await test.step('a clinician without a registered key is explained', async () => {
    await address.fill(SPARE_ACCOUNTS.keylessClinician);
    await share.click();
    await expect(page.getByRole('main').getByRole('alert')).toContainText('has not set up Chartkey yet');
    await expect(page.getByTestId('active-grant')).toHaveCount(0);
  });

  await test.step('the wrong network shows a banner with a one-click switch back', async () => {
    await wallet.setChainId(1);
    await expect(page.getByTestId('wrong-network')).toBeVisible();
    await page.getByRole('button', { name: /Switch to/ }).click();
    await expect(page.getByTestId('wrong-network')).toBeHidden();
    await expect(page.getByTestId('record-item').filter({ hasText: 'retry-me.txt' })).toBeVisible();
  });

  await context.close();
});
