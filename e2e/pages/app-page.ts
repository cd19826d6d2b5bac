import { expect, type Locator, type Page, type Response } from '@playwright/test';
import { WALLET_NAME } from '../test-wallet';

/** The button an account page shows until a wallet is connected. */
const CONNECT_TO_CONTINUE = /connect wallet to continue/i;

/**
 * What every Chartkey screen shares: the wallet's connect dialog (RainbowKit), the key gate and the
 * header's lock. Page objects hold locators and actions only; what a test expects stays in the spec.
 */
export abstract class AppPage {
  /** Where the screen lives, for `goto`. */
  protected abstract readonly path: string;

  readonly walletDialog: Locator;
  /** "Set up my key" on an account's first visit, "Unlock my records" after. */
  readonly keyButton: Locator;
  readonly unlockButton: Locator;
  readonly lockButton: Locator;
  readonly lockedNotice: Locator;
  /** Alerts inside the page's main content (form and upload errors). */
  readonly mainAlerts: Locator;
  /** Alerts anywhere that say something: Next.js keeps an empty role="alert" route announcer on every page. */
  readonly errorAlerts: Locator;
  readonly wrongNetworkBanner: Locator;

  constructor(readonly page: Page) {
    this.walletDialog = page.getByRole('dialog');
    this.keyButton = page.getByRole('button', { name: /set up my key|unlock my records/i });
    this.unlockButton = page.getByRole('button', { name: 'Unlock my records' });
    this.lockButton = page.getByRole('button', { name: 'Lock records' });
    this.lockedNotice = page.getByTestId('locked-notice');
    this.mainAlerts = page.getByRole('main').getByRole('alert');
    this.errorAlerts = page.getByRole('alert').filter({ hasText: /\S/ });
    this.wrongNetworkBanner = page.getByTestId('wrong-network');
  }

  goto(): Promise<Response | null> {
    return this.page.goto(this.path);
  }

  /** Opens RainbowKit's wallet dialog from the first button matching `buttonName`. */
  async openWalletDialog(buttonName: RegExp = CONNECT_TO_CONTINUE): Promise<void> {
    await this.page.getByRole('button', { name: buttonName }).first().click();
  }

  /** Picks a wallet in the open dialog by its label. */
  async chooseWallet(name: RegExp): Promise<void> {
    await this.walletDialog.getByRole('button', { name }).click();
  }

  /** Connects the injected test wallet through RainbowKit's dialog exactly as a user does. */
  async connectWallet(buttonName: RegExp = CONNECT_TO_CONTINUE): Promise<void> {
    await this.openWalletDialog(buttonName);
    await this.chooseWallet(new RegExp(WALLET_NAME));
    await expect(this.walletDialog).toBeHidden();
  }

  /** Unlocks (and on first use registers) the account's encryption key: one signature. */
  async unlock(): Promise<void> {
    await this.keyButton.click();
  }

  /** Opens the screen, connects the wallet and unlocks the key: where most journeys start. */
  async signIn(): Promise<void> {
    await this.goto();
    await this.connectWallet();
    await this.unlock();
  }

  /** Reloads the page and unlocks again (the key lives in memory only, so a reload drops it). */
  async reloadAndUnlock(): Promise<void> {
    await this.page.reload();
    await this.unlock();
  }

  async lock(): Promise<void> {
    await this.lockButton.click();
  }

  async switchNetworkBack(): Promise<void> {
    await this.page.getByRole('button', { name: /Switch to/ }).click();
  }

  /** Saves a full-page screenshot beside the test's other output. */
  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path, fullPage: true });
  }
}
