import type { Page } from '@playwright/test';
import { createTestClient, createWalletClient, http } from 'viem';
import { anvil } from 'viem/chains';
import { SPARE_ACCOUNTS } from './accounts';
import { connectWallet, expect, installTestWallet, recordItem, test, unlockKey } from './fixtures';
import { isPinned, newPinDuring, served } from './ipfs-pins';
import { E2E_RPC_URL } from './ports';

const PATIENT = SPARE_ACCOUNTS.draftsPatient;
const stamp = Date.now().toString(36);

/** The e2e chain, told directly to hold transactions in its pool (as a busy public chain would) or mine them. */
const chain = createTestClient({ mode: 'anvil', chain: anvil, transport: http(E2E_RPC_URL) });


async function pickFile(page: Page, name: string): Promise<void> {
  await page.getByTestId('record-file-input').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(`Kept safe ${stamp}`) });
}

/** Runs `action` with blocks mined only on request, and automatic mining back on afterwards whatever happens. */
async function withoutAutomine(action: () => Promise<void>): Promise<void> {
  await chain.setAutomine(false);
  try {
    await action();
  } finally {
    await chain.setAutomine(true);
  }
}

test('an upload interrupted after storing is neither lost, nor added twice, nor leaves its file behind when discarded', async ({ browser, traffic }) => {
  const context = await browser.newContext();
  const wallet = await installTestWallet(context, PATIENT, traffic);
  const page = await context.newPage();
  await page.goto('/patient');
  await connectWallet(page, /connect wallet to continue/i);
  await unlockKey(page);
  await expect(page.getByRole('heading', { name: 'Add a record' })).toBeVisible();

  await test.step('closing the page while the chain confirms: the next visit finishes the upload, once', async () => {
    const name = `closed-while-confirming-${stamp}.txt`;
    await withoutAutomine(async () => {
      await pickFile(page, name);
      // The wallet sent the registration; the chain has not included it yet.
      await expect(page.getByTestId('pending-upload')).toHaveAttribute('data-stage', 'confirming', { timeout: 60_000 });
      await page.reload();
      await unlockKey(page);
      const pending = page.getByTestId('pending-upload');
      await expect(pending).toContainText(name);
      // Waiting for the earlier transaction, not offering a retry that would add the file twice.
      await expect(pending).toHaveAttribute('data-stage', 'confirming');
      await expect(pending.getByRole('button', { name: 'Retry' })).toHaveCount(0);
      await chain.mine({ blocks: 1 });
    });
    await expect(page.getByTestId('pending-upload')).toHaveCount(0, { timeout: 30_000 });
    await expect(recordItem(page, name)).toHaveCount(1);
    await page.reload();
    await unlockKey(page);
    await expect(recordItem(page, name)).toHaveCount(1);
    await expect(page.getByTestId('pending-upload')).toHaveCount(0);
  });

  await test.step('discarding an upload the wallet refused deletes its stored file', async () => {
    const name = `discard-me-${stamp}.txt`;
    const { cid } = await newPinDuring(async () => {
      await wallet.rejectNext('eth_sendTransaction');
      await pickFile(page, name);
      await expect(page.getByTestId('pending-upload')).toContainText('not added to your records');
    });
    expect(await served(page, cid)).toBe(200);
    await page.getByTestId('pending-upload').getByRole('button', { name: 'Discard' }).click();
    await expect(page.getByTestId('discard-outcome')).toContainText(`Discarded “${name}” and deleted its encrypted file from storage.`);
    await expect(page.getByTestId('pending-upload')).toHaveCount(0);
    expect(await isPinned(cid)).toBe(false);
    expect(await served(page, cid)).toBe(410);
    await page.reload();
    await unlockKey(page);
    await expect(page.getByRole('heading', { name: 'Add a record' })).toBeVisible();
    await expect(page.getByTestId('pending-upload')).toHaveCount(0);
    await expect(recordItem(page, name)).toHaveCount(0);
  });

  await test.step('while a transaction from the account is still waiting, discarding keeps the file it may register', async () => {
    const name = `discard-while-waiting-${stamp}.txt`;
    const { cid } = await newPinDuring(async () => {
      await wallet.rejectNext('eth_sendTransaction');
      await pickFile(page, name);
      await expect(page.getByTestId('pending-upload')).toContainText('not added to your records');
    });
    await withoutAutomine(async () => {
      // Any transaction of the patient's still in the pool: for all the page can tell, it is this
      // upload's registration, sent from another tab or a page that closed.
      const patientWallet = createWalletClient({ account: PATIENT, chain: anvil, transport: http(E2E_RPC_URL) });
      await patientWallet.sendTransaction({ to: PATIENT, value: 0n });
      await page.getByTestId('pending-upload').getByRole('button', { name: 'Discard' }).click();
      await expect(page.getByTestId('discard-outcome')).toContainText('still waiting on the chain');
      await chain.mine({ blocks: 1 });
    });
    expect(await isPinned(cid)).toBe(true);
    await expect(page.getByTestId('pending-upload')).toHaveCount(0);
  });
  await context.close();
});
