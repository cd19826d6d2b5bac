/** Server-renders the FHIR view (no DOM needed) to check what a reader gets from the fixture Bundle. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { parseFhir, type FhirSummary } from '@/lib/fhir';
import { fixtureText } from '@/lib/fhir/fixtures/load';
import { FhirView } from './fhir-view';

function summary(text: string): FhirSummary {
  const result = parseFhir(text);
  if (result.kind !== 'fhir') throw new Error('fixture is not FHIR');
  return result.summary;
}

const html = renderToStaticMarkup(createElement(FhirView, { summary: summary(fixtureText('patient-summary-bundle.json')) }));

describe('FhirView', () => {
  it('has a heading for each kind of content, in order', () => {
    const headings = [...html.matchAll(/<h4[^>]*>([^<]+)<\/h4>/g)].map((match) => match[1]);
    expect(headings).toEqual(['Patient', 'Observations', 'Conditions', 'Medications', 'Allergies', 'Immunizations', 'Other']);
    expect(html).toContain('data-testid="fhir-view"');
  });

  it('renders tables with column and row headers, values with units and locale dates', () => {
    expect(html).toContain('<th scope="col" class="px-3 py-2 font-medium">Result</th>');
    expect(html).toMatch(/<th scope="row"[^>]*>Hemoglobin A1c\/Hemoglobin.total in Blood<\/th>/);
    expect(html).toContain('6.8%');
    expect(html).toContain('128/82 mmHg');
    expect(html).toContain('Systolic blood pressure: 128 mmHg (Normal)');
    expect(html).toContain(new Date(2024, 2, 2).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' }));
    expect(html).toContain('Medical record number: MRN-004512');
    expect(html).toContain('Hives, Swollen lips (moderate)');
    expect(html).toContain('1 entry in this file had no readable resource and is not shown.');
  });

  it('marks missing cells for screen readers and shows unknown resources as JSON', () => {
    expect(html).toContain('<span class="sr-only">Not recorded</span>');
    expect(html).toMatch(/<summary[^>]*>Coverage<span[^>]*>nhs-coverage<\/span><\/summary>/);
    expect(html).toContain('&quot;display&quot;: &quot;NHS England&quot;');
  });

  it('says so when a FHIR file holds nothing', () => {
    const empty = renderToStaticMarkup(createElement(FhirView, { summary: summary('{"resourceType":"Bundle","type":"collection"}'), headingLevel: 3 }));
    expect(empty).toContain('This FHIR file contains no resources to show.');
  });
});
