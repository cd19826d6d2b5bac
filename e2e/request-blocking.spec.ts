import { createPublicClient } from 'viem';
import { chartkeyConsentAbi } from '../contracts-abi';
import { expectAccessible } from './a11y';
import { SPARE_ACCOUNTS } from './accounts';
import { consentAddress, e2eRpc } from './chain';
import { expect, test } from './fixtures';

const PATIENT = SPARE_ACCOUNTS.blockingPatient;
const CLINICIAN = SPARE_ACCOUNTS.blockingClinician;
const CLINICIAN_NAME = 'Dr. Persistent Asker';
const REFUSED = 'This patient does not accept requests from your account.';

/** The contract's own answer, so the list is checked against the chain and not only against itself. */
async function isBlockedOnChain(): Promise<boolean> {
  const client = createPublicClient(e2eRpc);
  return client.readContract({ address: await consentAddress(), abi: chartkeyConsentAbi, functionName: 'isBlocked', args: [PATIENT, CLINICIAN] });
}

test.use({ patientAccount: PATIENT, clinicianAccount: CLINICIAN });

test('a patient denies and blocks a clinician, whose next request is refused; after unblocking, a new request arrives', async ({ patient, clinician }) => {
  const shot = (name: string) => test.info().outputPath(`${name}.png`);

  await Promise.all([
    test.step('the clinician publishes a profile', async () => {
      await clinician.signIn();
      await clinician.publishProfile(CLINICIAN_NAME, 'Anywhere Clinic');
      await expect(clinician.profileName).toHaveText(CLINICIAN_NAME);
    }),
    test.step('the patient sets up a key and has blocked nobody', async () => {
      await patient.signIn();
      await patient.openTab('Requests');
      await expect(patient.requestsEmpty).toBeVisible();
      await expect(patient.blockedEmpty).toBeVisible();
    }),
  ]);

  await test.step('the clinician asks for access', async () => {
    await clinician.requestAccess(PATIENT, 'treatment');
    await expect(clinician.myRequests).toHaveCount(1);
    await expect(clinician.myRequests.first()).toHaveAttribute('data-status', 'pending');
  });

  await test.step('the patient denies and blocks: block first, then deny, and says what blocking does', async () => {
    await expect(patient.accessRequests).toHaveCount(1, { timeout: 30_000 });
    await expect(patient.accessRequests).toContainText('Your wallet asks twice: first to block, then to deny.');
    await expect(
      patient.page.getByText('Blocking does not end access you already gave: use Sharing for that. The chain shows publicly that you blocked them.'),
    ).toBeVisible();
    await patient.denyAndBlockRequest();
    await expect(patient.page.getByText(/Request denied and account blocked\./)).toBeVisible({ timeout: 30_000 });
    await expect(patient.accessRequests).toHaveCount(0);
    await expect(patient.blockedAccount(CLINICIAN)).toBeVisible();
    await expect(patient.blockedAccount(CLINICIAN).getByTestId('clinician-identity')).toContainText(CLINICIAN_NAME);
    await expect(patient.blockedAccount(CLINICIAN)).toContainText(/blocked on \w/);
    expect(await isBlockedOnChain()).toBe(true);
    await expectAccessible(patient.page, 'requests inbox with a blocked account');
    await patient.screenshot(shot('blocked-accounts'));
  });

  await test.step('the clinician sees the request denied, and a new request is refused with the contract’s sentence', async () => {
    await expect(clinician.myRequests.first()).toHaveAttribute('data-status', 'denied', { timeout: 30_000 });
    await clinician.requestAccess(PATIENT, 'second-opinion');
    await expect(clinician.page.getByText(REFUSED)).toBeVisible();
    await expect(clinician.myRequests).toHaveCount(1);
    await clinician.screenshot(shot('request-refused'));
  });

  await test.step('the patient unblocks the account', async () => {
    await patient.unblock(CLINICIAN);
    await expect(patient.page.getByText(/Account unblocked\./)).toBeVisible({ timeout: 30_000 });
    await expect(patient.blockedAccounts).toHaveCount(0);
    await expect(patient.blockedEmpty).toBeVisible();
    expect(await isBlockedOnChain()).toBe(false);
  });

  await test.step('the clinician asks again and the request reaches the patient', async () => {
    await clinician.requestAccess(PATIENT, 'second-opinion');
    await expect(clinician.myRequests).toHaveCount(2);
    await expect(clinician.myRequests.first()).toHaveAttribute('data-status', 'pending');
    await expect(patient.accessRequests).toHaveCount(1, { timeout: 30_000 });
    await expect(patient.accessRequests.getByTestId('request-purpose')).toContainText('second opinion');
    await expect(patient.tabBadge).toHaveText('1');
  });
});
