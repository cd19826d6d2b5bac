import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MAX_RECORD_BYTES } from '../lib/limits';
import { SPARE_ACCOUNTS } from './accounts';
import { expect, test, textFile } from './fixtures';

test.use({ patientAccount: SPARE_ACCOUNTS.badInputPatient });

test('bad input gets a clear message and loses nothing', async ({ patient }) => {
  await patient.goto();
  await patient.connectWallet();

  await test.step('a rejected signature is not an error and the key can be unlocked afterwards', async () => {
    await patient.wallet.rejectNext('personal_sign');
    await patient.unlock();
    await expect(patient.page.getByText(/You cancelled the signature/)).toBeVisible();
    await expect(patient.mainAlerts).toHaveCount(0);
    await patient.unlock();
    await expect(patient.addRecordHeading).toBeVisible();
  });

  await test.step('an empty file and a file over the limit are refused with the limit stated', async () => {
    await patient.chooseFiles({ name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) });
    await expect(patient.mainAlerts).toContainText('This file is empty');
    const dir = mkdtempSync(path.join(tmpdir(), 'chartkey-e2e-'));
    const big = path.join(dir, 'too-big.bin');
    writeFileSync(big, '');
    truncateSync(big, MAX_RECORD_BYTES + 1); // sparse: no 50 MB written to disk
    await patient.chooseFiles(big);
    await expect(patient.mainAlerts).toContainText('up to 50 MB');
    await expect(patient.pendingUploads).toHaveCount(0);
  });

  await test.step('a rejected transaction keeps the encrypted upload for a retry', async () => {
    const before = await patient.records.count();
    await patient.wallet.rejectNext('eth_sendTransaction');
    await patient.chooseFiles(textFile({ name: 'retry-me.txt', text: 'kept for retry' }));
    await expect(patient.pendingUploads).toContainText('not added to your records');
    // The bar stays where it stopped (encrypted and stored, not added), short of 100 %.
    await expect(patient.uploadStage).toHaveText('Not finished');
    await expect(patient.uploadProgress('retry-me.txt')).toHaveAttribute('aria-valuenow', '90');

    // Even closing the page loses nothing: the encrypted draft is back after a reload.
    await patient.reloadAndUnlock();
    await expect(patient.pendingUploads).toContainText('retry-me.txt');
    await expect(patient.pendingUploads).toContainText('earlier visit');
    await patient.retryUpload();
    await expect(patient.pendingUploads.getByTestId('upload-stage')).toHaveText('Done');
    await expect(patient.pendingUploads).toHaveCount(0);
    await expect(patient.records).toHaveCount(before + 1);
  });

  const form = await patient.openShareForm('retry-me.txt');

  await test.step('a malformed clinician address is refused before anything is sent', async () => {
    await form.fill('0x1234');
    await form.submit();
    await expect(patient.mainAlerts).toContainText('not a valid account address');
  });

  await test.step('a clinician without a registered key is explained', async () => {
    await form.fill(SPARE_ACCOUNTS.keylessClinician);
    await form.submit();
    await expect(patient.mainAlerts).toContainText('has not set up Chartkey yet');
    await expect(patient.activeGrants).toHaveCount(0);
  });

  await test.step('the wrong network shows a banner with a one-click switch back', async () => {
    await patient.wallet.setChainId(1);
    await expect(patient.wrongNetworkBanner).toBeVisible();
    await patient.switchNetworkBack();
    await expect(patient.wrongNetworkBanner).toBeHidden();
    await expect(patient.records.filter({ hasText: 'retry-me.txt' })).toBeVisible();
  });
});
