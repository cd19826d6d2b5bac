import { DEMO_ACCOUNTS } from '../lib/wallet/demo-accounts';
import { ClinicianPage, expect, test } from './fixtures';

// The demo wallets need no extension: they sign in the page with the local chain's public keys.
test('a presenter connects a labelled demo wallet on the local chain with no extension', async ({ page }) => {
  const clinician = new ClinicianPage(page);
  await clinician.goto();
  await clinician.openWalletDialog();
  await expect(clinician.walletDialog.getByText('Demo accounts (local chain only)')).toBeVisible();
  await clinician.chooseWallet(/Second demo clinician \(local demo\)/);
  await expect(clinician.walletDialog).toBeHidden();

  await clinician.unlock();
  await expect(clinician.sharedEmpty).toBeVisible();
  await expect(page.getByText(DEMO_ACCOUNTS.secondClinician.address)).toBeVisible();
});
