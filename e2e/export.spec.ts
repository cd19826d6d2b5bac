import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { createPublicClient, getAddress, type Address } from 'viem';
import { chartkeyConsentAbi } from '../contracts-abi';
import type { ArchiveManifest, FhirCollectionBundle, FhirConsent } from '../lib/export';
import { SPARE_ACCOUNTS } from './accounts';
import { consentAddress, e2eRpc } from './chain';
import { expect, findLeaks, test, type ExportKind, type PatientPage } from './fixtures';

// The unit tests' FHIR samples (read by path: Playwright loads specs as CommonJS, so no import.meta).
const fixtureText = (name: string) => readFileSync(path.join(__dirname, '../lib/fhir/fixtures', name), 'utf8');

const PATIENT = SPARE_ACCOUNTS.exportPatient;
const CLINICIAN = SPARE_ACCOUNTS.exportClinician;

const OBSERVATION = { name: 'heart-rate.fhir.json', mimeType: 'application/fhir+json', text: fixtureText('observation-heart-rate.json') };
const SUMMARY = { name: 'summary-2024.json', mimeType: 'application/json', text: fixtureText('patient-summary-bundle.json') };
const LETTER = { name: 'gp-letter.txt', mimeType: 'text/plain', text: `Referral letter, not FHIR — marker ${Date.now().toString(36)}` };

type Resource = { resourceType: string; id?: string };

/** Every resource the uploaded FHIR files hold, as `Type/id`: the Observation and the summary Bundle's entries. */
function expectedResources(): string[] {
  const observation = JSON.parse(OBSERVATION.text) as Resource;
  const summary = JSON.parse(SUMMARY.text) as { entry: { resource?: Resource }[] };
  const inSummary = summary.entry.flatMap((e) => (e.resource ? [`${e.resource.resourceType}/${e.resource.id}`] : []));
  return [`${observation.resourceType}/${observation.id}`, ...inSummary].sort();
}

/** Clicks an export button and returns the downloaded file's name and bytes. */
async function download(patient: PatientPage, kind: ExportKind): Promise<{ name: string; bytes: Buffer }> {
  const file = await patient.export(kind);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

async function downloadConsents(patient: PatientPage): Promise<FhirCollectionBundle<FhirConsent>> {
  const { name, bytes } = await download(patient, 'consents');
  expect(name).toMatch(/^chartkey-consents-\d{4}-\d{2}-\d{2}\.json$/);
  return JSON.parse(bytes.toString('utf8')) as FhirCollectionBundle<FhirConsent>;
}

/** The Consent about one record, found by the record identifier it references. */
function consentFor(bundle: FhirCollectionBundle<FhirConsent>, recordIdentifier: string): FhirConsent {
  const matches = bundle.entry.map((e) => e.resource).filter((c) => c.provision.data?.[0]?.reference.identifier?.value === recordIdentifier);
  expect(matches, `one Consent for ${recordIdentifier}`).toHaveLength(1);
  return matches[0]!;
}

async function grantExpiry(recordId: bigint, clinician: Address): Promise<string> {
  const client = createPublicClient(e2eRpc);
  const [expiresAt] = await client.readContract({ address: await consentAddress(), abi: chartkeyConsentAbi, functionName: 'grantOf', args: [recordId, clinician] });
  return new Date(Number(expiresAt) * 1000).toISOString();
}

/** `YYYY-MM-DD`, `days` from now, in UTC (the patient's browser runs in UTC below). */
function dateInDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

// UTC, so "a date I choose" ends at 23:59:59Z in the patient's browser and the expected expiry is exact.
test.use({ patientAccount: PATIENT, clinicianAccount: CLINICIAN, timezoneId: 'UTC' });

test('exports hold what the patient has: FHIR resources in a Bundle, one Consent per grant, and revocation shows', async ({ patient, clinician, traffic }) => {
  test.setTimeout(240_000);
  const letterEnds = dateInDays(12);

  // Neither party needs the other until the patient shares, so both set up at once.
  await Promise.all([
    test.step('the clinician sets up a key so records can be shared with them', async () => {
      await clinician.signIn();
      await expect(clinician.sharedEmpty).toBeVisible();
    }),
    test.step('the patient adds a FHIR Observation, a FHIR Bundle and a letter that is not FHIR', async () => {
      await patient.signIn();
      await expect(patient.recordsEmpty).toBeVisible();
      await patient.chooseFiles([OBSERVATION, SUMMARY, LETTER].map(({ name, mimeType, text }) => ({ name, mimeType, buffer: Buffer.from(text) })));
      await expect(patient.records).toHaveCount(3, { timeout: 60_000 });
      await expect(patient.record(OBSERVATION.name)).toContainText('FHIR');
    }),
  ]);

  const ids = { observation: 0n, letter: 0n };
  await test.step('the patient shares the Observation for 30 days and the letter until a chosen date', async () => {
    ids.observation = await patient.recordId(OBSERVATION.name);
    ids.letter = await patient.recordId(LETTER.name);
    await patient.shareRecord(OBSERVATION.name, CLINICIAN, '30d');
    await expect(patient.grantsOn(OBSERVATION.name)).toHaveCount(1);
    await patient.shareRecord(LETTER.name, CLINICIAN, { until: letterEnds });
    await expect(patient.grantsOn(LETTER.name)).toHaveCount(1);
  });

  await test.step('the FHIR Bundle holds every uploaded resource, flattened, and nothing from the letter', async () => {
    await patient.openTab('Export');
    const { name, bytes } = await download(patient, 'fhir');
    expect(name).toMatch(/^chartkey-fhir-\d{4}-\d{2}-\d{2}\.json$/);
    const text = bytes.toString('utf8');
    const bundle = JSON.parse(text) as FhirCollectionBundle;
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    const resources = bundle.entry.map(({ resource }) => `${resource.resourceType}/${String(resource.id)}`);
    expect(resources.sort()).toEqual(expectedResources());
    // The Observation is exported as uploaded.
    expect(bundle.entry.find(({ resource }) => resource.id === 'heart-rate-1')?.resource).toEqual(JSON.parse(OBSERVATION.text));
    expect(text).not.toContain(LETTER.text);
    await expect(patient.exportOutcome).toContainText(`Downloaded a FHIR Bundle with ${expectedResources().length} resources.`);
  });

  const identifiers = { observation: '', letter: '' };
  await test.step('the ZIP names each record as the Consent export will reference it', async () => {
    const { bytes } = await download(patient, 'records');
    const files = unzipSync(new Uint8Array(bytes));
    const manifest = JSON.parse(strFromU8(files['manifest.json'] ?? new Uint8Array())) as ArchiveManifest;
    const byName = new Map(manifest.records.map((r) => [r.originalName, r]));
    expect([...byName.keys()].sort()).toEqual([LETTER.name, OBSERVATION.name, SUMMARY.name].sort());
    identifiers.observation = byName.get(OBSERVATION.name)?.identifier?.value ?? '';
    identifiers.letter = byName.get(LETTER.name)?.identifier?.value ?? '';
    expect(identifiers).toEqual({ observation: `chartkey-record-${ids.observation}`, letter: `chartkey-record-${ids.letter}` });
    expect(strFromU8(files[byName.get(LETTER.name)?.path ?? ''] ?? new Uint8Array())).toBe(LETTER.text);
  });

  await test.step('the Consent export has one active Consent per live grant: this clinician, until the chosen end', async () => {
    const bundle = await downloadConsents(patient);
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    expect(bundle.entry).toHaveLength(2);
    for (const { resource } of bundle.entry) {
      expect(resource.resourceType).toBe('Consent');
      expect(resource.status).toBe('active');
      expect(resource.patient.identifier?.value).toBe(getAddress(PATIENT));
      expect(resource.provision.type).toBe('permit');
      expect(resource.provision.actor?.map((a) => a.reference.identifier?.value)).toEqual([getAddress(CLINICIAN)]);
      // Given when the grant's block was made: a moment ago, on the chain's clock.
      expect(resource.provision.period?.start).toBe(resource.dateTime);
      expect(Math.abs(Date.parse(resource.dateTime ?? '') - Date.now())).toBeLessThan(10 * 60_000);
    }
    const letter = consentFor(bundle, identifiers.letter);
    expect(letter.provision.period?.end).toBe(`${letterEnds}T23:59:59.000Z`);
    expect(letter.provision.period?.end).toBe(await grantExpiry(ids.letter, CLINICIAN));
    const observation = consentFor(bundle, identifiers.observation);
    const thirtyDays = Date.now() + 30 * 86_400_000;
    expect(Math.abs(Date.parse(observation.provision.period?.end ?? '') - thirtyDays)).toBeLessThan(10 * 60_000);
    expect(observation.provision.period?.end).toBe(await grantExpiry(ids.observation, CLINICIAN));
    await expect(patient.exportOutcome).toContainText('Downloaded 2 consents as FHIR.');
  });

  await test.step('after revoking the Observation, its Consent is exported as inactive and the letter’s stays active', async () => {
    await patient.openTab('Records');
    await patient.revokeRecord(OBSERVATION.name);
    await expect(patient.grantsOn(OBSERVATION.name)).toHaveCount(0);

    await patient.openTab('Export');
    const bundle = await downloadConsents(patient);
    expect(bundle.entry).toHaveLength(2);
    const revoked = consentFor(bundle, identifiers.observation);
    expect(revoked.status).toBe('inactive');
    expect(revoked.text?.div).toContain('revoked by the patient');
    expect(consentFor(bundle, identifiers.letter).status).toBe('active');
  });

  await test.step('no file contents or names left the browser', async () => {
    for (const { name, text } of [OBSERVATION, SUMMARY, LETTER]) {
      expect(findLeaks(traffic, name)).toEqual([]);
      expect(findLeaks(traffic, text)).toEqual([]);
    }
    // Health data inside the FHIR files, not only the files whole.
    expect(findLeaks(traffic, 'MRN-004512')).toEqual([]);
  });
});
