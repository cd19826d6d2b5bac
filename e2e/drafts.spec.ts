import { createTestClient, createWalletClient, http } from 'viem';
import { anvil } from 'viem/chains';
import { SPARE_ACCOUNTS } from './accounts';
import { expect, test, textFile, type PatientPage } from './fixtures';
import { isPinned, newPinDuring, served } from './ipfs-pins';
import { E2E_RPC_URL } from './ports';

const PATIENT = SPARE_ACCOUNTS.draftsPatient;
const stamp = Date.now().toString(36);

test.use({ patientAccount: PATIENT });

/** The e2e chain, told directly to hold transactions in its pool (as a busy public chain would) or mine them. */
const chain = createTestClient({ mode: 'anvil', chain: anvil, transport: http(E2E_RPC_URL) });

const pickFile = (patient: PatientPage, name: string) => patient.chooseFiles(textFile({ name, text: `Kept safe ${stamp}` }));

/** Runs `action` with blocks mined only on request, and automatic mining back on afterwards whatever happens. */
async function withoutAutomine(action: () => Promise<void>): Promise<void> {
  await chain.setAutomine(false);
  try {
    await action();
  } finally {
    await chain.setAutomine(true);
  }
}

test('an upload interrupted after storing is neither lost, nor added twice, nor leaves its file behind when discarded', async ({ patient }) => {
  await patient.signIn();
  await expect(patient.addRecordHeading).toBeVisible();

  await test.step('closing the page while the chain confirms: the next visit finishes the upload, once', async () => {
    const name = `closed-while-confirming-${stamp}.txt`;
    await withoutAutomine(async () => {
      await pickFile(patient, name);
      // The wallet sent the registration; the chain has not included it yet.
      await expect(patient.pendingUploads).toHaveAttribute('data-stage', 'confirming', { timeout: 60_000 });
      await patient.reloadAndUnlock();
      await expect(patient.pendingUploads).toContainText(name);
      // Waiting for the earlier transaction, not offering a retry that would add the file twice.
      await expect(patient.pendingUploads).toHaveAttribute('data-stage', 'confirming');
      await expect(patient.pendingUploads.getByRole('button', { name: 'Retry' })).toHaveCount(0);
      await chain.mine({ blocks: 1 });
    });
    await expect(patient.pendingUploads).toHaveCount(0, { timeout: 30_000 });
    await expect(patient.record(name)).toHaveCount(1);
    await patient.reloadAndUnlock();
    await expect(patient.record(name)).toHaveCount(1);
    await expect(patient.pendingUploads).toHaveCount(0);
  });

  await test.step('discarding an upload the wallet refused deletes its stored file', async () => {
    const name = `discard-me-${stamp}.txt`;
    const { cid } = await newPinDuring(async () => {
      await patient.wallet.rejectNext('eth_sendTransaction');
      await pickFile(patient, name);
      await expect(patient.pendingUploads).toContainText('not added to your records');
    });
    expect(await served(patient.page, cid)).toBe(200);
    await patient.discardUpload();
    await expect(patient.discardOutcome).toContainText(`Discarded “${name}” and deleted its encrypted file from storage.`);
    await expect(patient.pendingUploads).toHaveCount(0);
    expect(await isPinned(cid)).toBe(false);
    expect(await served(patient.page, cid)).toBe(410);
    await patient.reloadAndUnlock();
    await expect(patient.addRecordHeading).toBeVisible();
    await expect(patient.pendingUploads).toHaveCount(0);
    await expect(patient.record(name)).toHaveCount(0);
  });

  await test.step('while a transaction from the account is still waiting, discarding keeps the file it may register', async () => {
    const name = `discard-while-waiting-${stamp}.txt`;
    const { cid } = await newPinDuring(async () => {
      await patient.wallet.rejectNext('eth_sendTransaction');
      await pickFile(patient, name);
      await expect(patient.pendingUploads).toContainText('not added to your records');
    });
    await withoutAutomine(async () => {
      // Any transaction of the patient's still in the pool: for all the page can tell, it is this
      // upload's registration, sent from another tab or a page that closed.
      const patientWallet = createWalletClient({ account: PATIENT, chain: anvil, transport: http(E2E_RPC_URL) });
      await patientWallet.sendTransaction({ to: PATIENT, value: 0n });
      await patient.discardUpload();
      await expect(patient.discardOutcome).toContainText('still waiting on the chain');
      await chain.mine({ blocks: 1 });
    });
    expect(await isPinned(cid)).toBe(true);
    await expect(patient.pendingUploads).toHaveCount(0);
  });
});
