import { expect, type Download, type Locator } from '@playwright/test';
import type { Address } from 'viem';
import { AppPage } from './app-page';

/** A file as the record input receives it (Playwright's FilePayload). */
export type RecordFile = { name: string; mimeType: string; buffer: Buffer };

/** A plain-text file named `name` holding `text`. */
export const textFile = ({ name, text }: { name: string; text: string }): RecordFile => ({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });

/** The patient page's sections, as its tabs name them. */
export type PatientTabName = 'Records' | 'Sharing' | 'Requests' | 'Activity' | 'Export';

/** How long access lasts: one of the picker's presets, or until the end of a chosen day (`YYYY-MM-DD`). */
export type AccessEnd = '30d' | { until: string };

/** The export buttons, by what they download. */
export type ExportKind = 'records' | 'fhir' | 'consents';

/**
 * The share form, for one record (inside its item) or several (the selection bar): the same fields,
 * a different submit button.
 */
export class ShareForm {
  readonly address: Locator;
  /** Who the typed address belongs to (public profile, badge), shown before confirming. */
  readonly recipient: Locator;
  readonly submitButton: Locator;

  constructor(
    readonly root: Locator,
    submitName: string,
  ) {
    this.address = root.getByLabel('Clinician’s account address');
    this.recipient = root.getByTestId('share-recipient');
    this.submitButton = root.getByRole('button', { name: submitName });
  }

  async fill(clinician: string, ends?: AccessEnd): Promise<void> {
    await this.address.fill(clinician);
    if (ends !== undefined) await this.chooseEnd(ends);
  }

  async chooseEnd(ends: AccessEnd): Promise<void> {
    if (ends === '30d') {
      await this.root.getByLabel('Access ends after').selectOption('30d');
      return;
    }
    await this.root.getByLabel('Access ends after').selectOption('custom');
    await this.root.getByLabel('End date').fill(ends.until);
  }

  async submit(): Promise<void> {
    await this.submitButton.click();
  }
}

/** `/patient`: records, sharing, requests, activity and export, each in its tab. */
export class PatientPage extends AppPage {
  protected readonly path = '/patient';

  readonly fileInput = this.page.getByTestId('record-file-input');
  readonly records = this.page.getByTestId('record-item');
  readonly recordTitles = this.page.getByTestId('record-title');
  readonly recordsEmpty = this.page.getByTestId('records-empty');
  readonly pendingUploads = this.page.getByTestId('pending-upload');
  readonly uploadStage = this.page.getByTestId('upload-stage');
  readonly discardOutcome = this.page.getByTestId('discard-outcome');
  readonly addRecordHeading = this.page.getByRole('heading', { name: 'Add a record' });
  /** Every grant shown in the record list. */
  readonly activeGrants = this.page.getByTestId('active-grant');
  /** What happened to a removed or replaced record's stored file. */
  readonly storageNotice = this.page.getByTestId('storage-notice');
  readonly tabList = this.page.getByRole('tablist', { name: 'Your health records' });
  readonly tabs = this.page.getByRole('tab');
  readonly tabBadge = this.page.getByTestId('tab-badge');
  /** The bar for sharing the selected records in one transaction. */
  readonly shareSeveral = this.page.getByTestId('share-several');
  readonly sharingOverview = this.page.getByTestId('sharing-overview');
  readonly sharingEmpty = this.page.getByTestId('sharing-empty');
  readonly accessRequests = this.page.getByTestId('access-request');
  readonly requestsEmpty = this.page.getByTestId('requests-empty');
  readonly blockedAccounts = this.page.getByTestId('blocked-account');
  readonly blockedEmpty = this.page.getByTestId('blocked-empty');
  readonly activityTimeline = this.page.getByTestId('activity-timeline');
  readonly activityEntries = this.activityTimeline.getByTestId('activity-entry');
  readonly exportOutcome = this.page.getByTestId('export-outcome');

  // Tabs

  /** A section's tab (a count badge may follow the name). */
  tab(name: PatientTabName): Locator {
    return this.tabList.getByRole('tab', { name: new RegExp(`^${name}\\b`) });
  }

  tabPanel(name: PatientTabName): Locator {
    return this.page.getByRole('tabpanel', { name: new RegExp(`^${name}`) });
  }

  /** Opens one section as a user does, by its tab, and waits until it is the selected one. */
  async openTab(name: PatientTabName): Promise<void> {
    const tab = this.tab(name);
    await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
  }

  // Adding records

  /** Picks files (or a file on disk) in the record input; each upload then runs on its own. */
  async chooseFiles(files: RecordFile | RecordFile[] | string): Promise<void> {
    await this.fileInput.setInputFiles(files);
  }

  /** Adds one file and waits until the list shows it (encrypted, stored and confirmed on the chain). */
  async addRecord(file: RecordFile): Promise<void> {
    await this.chooseFiles(file);
    await expect(this.record(file.name)).toBeVisible({ timeout: 60_000 });
  }

  async writeNote(title: string, text: string): Promise<void> {
    await this.page.getByText('Or write a note').click();
    await this.page.getByLabel('Title').fill(title);
    await this.page.getByLabel('Note', { exact: true }).fill(text);
    await this.page.getByRole('button', { name: 'Save note' }).click();
  }

  /** The progress bar of the upload of `fileName`. */
  uploadProgress(fileName: string): Locator {
    return this.page.getByRole('progressbar', { name: `Adding ${fileName}` });
  }

  async retryUpload(): Promise<void> {
    await this.pendingUploads.getByRole('button', { name: 'Retry' }).click();
  }

  async discardUpload(): Promise<void> {
    await this.pendingUploads.getByRole('button', { name: 'Discard' }).click();
  }

  // Finding and opening records

  /** The record whose decrypted title is exactly `name`. */
  record(name: string): Locator {
    return this.records.filter({ has: this.page.getByTestId('record-title').getByText(name, { exact: true }) });
  }

  /** The record's id on the chain, as its item carries it. */
  async recordId(name: string): Promise<bigint> {
    const id = await this.record(name).getAttribute('data-record-id');
    if (id === null) throw new Error(`${name} has no record id`);
    return BigInt(id);
  }

  async search(text: string): Promise<void> {
    await this.page.getByLabel('Search your records').fill(text);
  }

  async showKind(kind: string): Promise<void> {
    await this.page.getByLabel('Show').selectOption(kind);
  }

  async openRecord(name: string): Promise<void> {
    await this.record(name).getByRole('button', { name: 'Open' }).click();
  }

  /** An opened text record's decrypted contents. */
  recordText(name: string): Locator {
    return this.record(name).getByTestId('record-text');
  }

  /** An opened image or PDF record's viewer. */
  recordImage(name: string): Locator {
    return this.record(name).getByRole('img', { name: `Contents of ${name}` });
  }

  recordFrame(name: string): Locator {
    return this.record(name).locator(`iframe[title="Contents of ${name}"]`);
  }

  async downloadOriginal(name: string): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.record(name).getByRole('link', { name: 'Download original' }).click();
    return download;
  }

  // Sharing from the record list

  grantsOn(name: string): Locator {
    return this.record(name).getByTestId('active-grant');
  }

  /** Opens the share form of the record named `name`. */
  async openShareForm(name: string): Promise<ShareForm> {
    const item = this.record(name);
    await item.getByRole('button', { name: 'Share', exact: true }).click();
    return new ShareForm(item, 'Share record');
  }

  /** Shares one record with `clinician` (the picker's default end unless `ends` says otherwise). */
  async shareRecord(name: string, clinician: Address, ends?: AccessEnd): Promise<void> {
    const form = await this.openShareForm(name);
    await form.fill(clinician, ends);
    await form.submit();
  }

  async revokeRecord(name: string): Promise<void> {
    await this.record(name).getByRole('button', { name: 'Revoke' }).click();
  }

  async selectRecord(name: string): Promise<void> {
    await this.record(name).getByTestId('record-select').check();
  }

  /** Opens the selection bar's share form, for the records already selected. */
  async openShareSelected(count: number): Promise<ShareForm> {
    await this.shareSeveral.getByRole('button', { name: 'Share selected' }).click();
    return new ShareForm(this.shareSeveral, `Share ${count} records`);
  }

  // Replacing and removing

  async replaceRecord(name: string, file: RecordFile): Promise<void> {
    const item = this.record(name);
    await item.getByRole('button', { name: 'Replace with a new version' }).click();
    await item.getByTestId('replace-file-input').setInputFiles(file);
  }

  /** Asks to remove a record: returns the panel saying what removal does, before confirming. */
  async askToRemove(name: string): Promise<Locator> {
    const item = this.record(name);
    await item.getByRole('button', { name: 'Remove', exact: true }).click();
    return item.getByTestId('remove-panel');
  }

  async confirmRemoval(name: string): Promise<void> {
    await this.record(name).getByRole('button', { name: 'Yes, remove this record' }).click();
  }

  async removeRecord(name: string): Promise<void> {
    await this.askToRemove(name);
    await this.confirmRemoval(name);
  }

  async dismissStorageNotice(): Promise<void> {
    await this.storageNotice.getByRole('button', { name: 'Dismiss' }).click();
  }

  // The Sharing tab

  /** What the Sharing tab shows for one clinician. */
  sharedWith(clinician: Address): Locator {
    return this.page.getByTestId('clinician-access').and(this.page.locator(`[data-clinician="${clinician.toLowerCase()}"]`));
  }

  /** Asks to end `clinician`'s access to one record: returns the confirmation, before it is given. */
  async askToEndAccess(clinician: Address, recordName: string): Promise<Locator> {
    const access = this.sharedWith(clinician);
    await access.getByRole('button', { name: `End access to ${recordName}` }).click();
    return access.getByTestId('revoke-confirmation');
  }

  /** Asks to end all of `clinician`'s access: returns the confirmation, before it is given. */
  async askToEndAllAccess(clinician: Address): Promise<Locator> {
    const access = this.sharedWith(clinician);
    await access.getByRole('button', { name: 'End all access for this clinician' }).click();
    return access.getByTestId('revoke-confirmation');
  }

  /** Confirms ending access; `rekey` also gives the record a new key, so later versions stay closed to them. */
  async confirmEndAccess(clinician: Address, { rekey = false } = {}): Promise<void> {
    const access = this.sharedWith(clinician);
    if (rekey) await access.getByLabel(/Also re-key the record/).check();
    await access.getByRole('button', { name: 'Yes, end access' }).click();
  }

  async endAccess(clinician: Address, recordName: string, options: { rekey?: boolean } = {}): Promise<void> {
    await this.askToEndAccess(clinician, recordName);
    await this.confirmEndAccess(clinician, options);
  }

  // The Requests tab

  /** Starts approving the (one) waiting request: opens its panel of records and access end. */
  async startApproving(): Promise<void> {
    await this.accessRequests.getByRole('button', { name: /^Approve/ }).click();
  }

  /** The approve panel's checkbox for the record named `name`. */
  approvalChoice(name: string): Locator {
    return this.accessRequests.getByRole('checkbox', { name });
  }

  async chooseApprovalEnd(ends: '30d'): Promise<void> {
    await this.accessRequests.getByLabel('Access ends after').selectOption(ends);
  }

  async confirmApproval(records: number): Promise<void> {
    await this.accessRequests.getByRole('button', { name: `Share ${records} record${records === 1 ? '' : 's'} and approve` }).click();
  }

  async denyRequest(): Promise<void> {
    // Exact: "Deny and block" sits beside it.
    await this.accessRequests.getByRole('button', { name: 'Deny', exact: true }).click();
  }

  /** Denies the (one) waiting request and blocks its sender: two wallet confirmations, block first. */
  async denyAndBlockRequest(): Promise<void> {
    await this.accessRequests.getByRole('button', { name: 'Deny and block' }).click();
  }

  /** One row of the "Blocked accounts" list. */
  blockedAccount(account: Address): Locator {
    return this.blockedAccounts.and(this.page.locator(`[data-account="${account}"]`));
  }

  async unblock(account: Address): Promise<void> {
    await this.blockedAccount(account).getByRole('button', { name: 'Unblock' }).click();
  }

  // The Export tab

  /** Clicks one export button and returns its download. */
  async export(kind: ExportKind): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId(`export-${kind}`).click();
    return download;
  }
}
