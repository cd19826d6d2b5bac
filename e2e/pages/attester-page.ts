import type { Locator } from '@playwright/test';
import type { Address } from 'viem';
import { AppPage } from './app-page';

/** `/attester`: the clinicians who published a profile, each verified or not. */
export class AttesterPage extends AppPage {
  protected readonly path = '/attester';

  /** Shown to an account without the attester role. */
  readonly notAttester = this.page.getByTestId('not-attester');

  /** Opens the screen and connects the wallet: verifying needs no encryption key. */
  override async signIn(): Promise<void> {
    await this.goto();
    await this.connectWallet();
  }

  /** The row of the clinician at `address`. */
  clinician(address: Address): Locator {
    return this.page.locator(`[data-testid="attester-clinician"][data-address="${address}"]`);
  }

  /** Verifies a clinician; the button names them by their public name. */
  async verify(address: Address, displayName: string): Promise<void> {
    await this.clinician(address).getByRole('button', { name: `Verify ${displayName}` }).click();
  }

  /** The button that withdraws a clinician's verification (there once they are verified). */
  withdrawButton(address: Address, displayName: string): Locator {
    return this.clinician(address).getByRole('button', { name: `Withdraw verification of ${displayName}` });
  }
}
