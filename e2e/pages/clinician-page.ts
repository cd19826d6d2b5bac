import type { Locator } from '@playwright/test';
import type { Address } from 'viem';
import { AppPage } from './app-page';

/** `/clinician`: what patients shared, the public profile, and requests for access. */
export class ClinicianPage extends AppPage {
  protected readonly path = '/clinician';

  readonly sharedEmpty = this.page.getByTestId('shared-empty');
  readonly sharedRecords = this.page.getByTestId('shared-record');
  readonly sharedRecordTitles = this.page.getByTestId('shared-record-title');
  /** Records the clinician can open now. A revoked record shows without its name ("Record 3"), so revocations are checked by what is still open. */
  readonly openToMe = this.page.locator('[data-testid="shared-record"][data-status="active"]');
  /** An opened text record's decrypted contents. */
  readonly recordText = this.page.getByTestId('record-text');
  readonly profileEmpty = this.page.getByTestId('profile-empty');
  /** The profile as published on the chain. */
  readonly profileCurrent = this.page.getByTestId('profile-current');
  readonly profileName = this.page.getByTestId('profile-name');
  readonly sendRequestButton = this.page.getByRole('button', { name: 'Send request' });
  /** The clinician's own requests for access, newest first. */
  readonly myRequests = this.page.getByTestId('my-request');
  /** Shares from patients the clinician never asked, listed apart and not fetched. */
  readonly notRequested = this.page.getByTestId('not-requested');
  readonly unsolicitedShares = this.page.getByTestId('unsolicited-share');
  readonly hiddenShares = this.page.getByTestId('hidden-share');
  readonly showAllTogether = this.page.getByLabel('Show shares from all patients together');

  /**
   * Lists every patient's shares with the rest, as before "Not requested" existed: for journeys where
   * a patient shares without being asked and the spec is about something else. Kept in this browser.
   */
  async showAllSharesTogether(): Promise<void> {
    await this.showAllTogether.check();
  }

  /** The unrequested share(s) from `patient`. */
  unsolicitedShare(patient: Address): Locator {
    return this.unsolicitedShares.and(this.page.locator(`[data-patient="${patient}"]`));
  }

  async openAnyway(patient: Address): Promise<void> {
    await this.unsolicitedShare(patient).getByRole('button', { name: 'Open anyway' }).click();
  }

  async hideShares(patient: Address): Promise<void> {
    await this.unsolicitedShare(patient).getByRole('button', { name: /^Hide/ }).click();
  }

  async showHidden(): Promise<void> {
    await this.notRequested.getByRole('button', { name: /^Show hidden/ }).click();
  }

  /** The shared record whose decrypted title is exactly `name`. */
  sharedRecord(name: string): Locator {
    return this.sharedRecords.filter({ has: this.page.getByTestId('shared-record-title').getByText(name, { exact: true }) });
  }

  async openSharedRecord(name: string): Promise<void> {
    await this.sharedRecord(name).getByRole('button', { name: 'Open' }).click();
  }

  /** An opened PDF's viewer. */
  sharedRecordFrame(name: string): Locator {
    return this.sharedRecord(name).locator(`iframe[title="Contents of ${name}"]`);
  }

  async publishProfile(displayName: string, organisation: string): Promise<void> {
    await this.page.getByLabel('Display name').fill(displayName);
    await this.page.getByLabel('Organisation (optional)').fill(organisation);
    await this.page.getByRole('button', { name: 'Publish profile' }).click();
  }

  /** Asks `patient` for access to all their records, for `purpose` (a value of the purpose list). */
  async requestAccess(patient: Address, purpose: string): Promise<void> {
    await this.page.getByLabel('Patient’s account address').fill(patient);
    await this.page.getByLabel('Why you need access').selectOption(purpose);
    await this.sendRequestButton.click();
  }
}
