import { DEMO_ACCOUNTS } from '../lib/wallet/demo-accounts';
import { expect, test, unlockKey } from './fixtures';

// The demo wallets need no extension: they sign in the page with the local chain's public keys.
test('a presenter connects a labelled demo wallet on the local chain with no extension', async ({ page }) => {
  await page.goto('/clinician');
  await page.getByRole('button', { name: /connect wallet to continue/i }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText('Demo accounts (local chain only)')).toBeVisible();
  await dialog.getByRole('button', { name: /Second demo clinician \(local demo\)/ }).click();
  await expect(dialog).toBeHidden();

  await unlockKey(page);
  await expect(page.getByTestId('shared-empty')).toBeVisible();
  await expect(page.getByText(DEMO_ACCOUNTS.secondClinician.address)).toBeVisible();
});
