import type { ReactNode } from 'react';
import { formatFhirDate, formatFhirWhen, type FhirSummary, type FhirWhen } from '@/lib/fhir';

type HeadingLevel = 3 | 4 | 5;
type Cell = ReactNode | undefined;

const HEADING_TAG = { 3: 'h3', 4: 'h4', 5: 'h5' } as const;

function Missing() {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="sr-only">Not recorded</span>
    </>
  );
}

const date = (value: string | undefined): Cell => (value === undefined ? undefined : formatFhirDate(value));
const when = (value: FhirWhen | undefined): Cell => (value === undefined ? undefined : formatFhirWhen(value));

function Section({ title, level, children }: { title: string; level: HeadingLevel; children: ReactNode }) {
  const Heading = HEADING_TAG[level];
  return (
    <section className="space-y-2">
      <Heading className="text-sm font-semibold text-slate-900 dark:text-slate-100">{title}</Heading>
      {children}
    </section>
  );
}

/** A table whose first column names each row, so screen readers announce it with every cell. */
function Table({ caption, columns, rows }: { caption: string; columns: readonly string[]; rows: readonly (readonly Cell[])[] }) {
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200 dark:border-slate-700">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-800 dark:text-slate-300">
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col" className="px-3 py-2 font-medium">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-700">
          {rows.map((cells, rowIndex) => (
            <tr key={rowIndex} className="align-top">
              {cells.map((cell, cellIndex) =>
                cellIndex === 0 ? (
                  <th key={cellIndex} scope="row" className="px-3 py-2 font-medium text-slate-900 dark:text-slate-100">
                    {cell ?? <Missing />}
                  </th>
                ) : (
                  <td key={cellIndex} className="px-3 py-2 text-slate-700 dark:text-slate-300">
                    {cell ?? <Missing />}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function List({ items }: { items: readonly ReactNode[] }) {
  if (items.length === 0) return undefined;
  if (items.length === 1) return <>{items[0]}</>;
  return (
    <ul className="space-y-1">
      {items.map((item, i) => (
        <li key={i}>{item}</li>
      ))}
    </ul>
  );
}

function PatientDetails({ patient }: { patient: FhirSummary['patients'][number] }) {
  const rows: [string, ReactNode][] = [
    ['Name', patient.name ?? <Missing />],
    ['Date of birth', date(patient.birthDate) ?? <Missing />],
    ['Gender', patient.gender ?? <Missing />],
  ];
  if (patient.identifiers.length > 0) {
    rows.push([
      patient.identifiers.length === 1 ? 'Identifier' : 'Identifiers',
      <List key="identifiers" items={patient.identifiers.map((identifier) => (identifier.label ? `${identifier.label}: ${identifier.value}` : identifier.value))} />,
    ]);
  }
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700">
      {rows.map(([term, detail]) => (
        <div key={term} className="contents">
          <dt className="font-medium text-slate-600 dark:text-slate-400">{term}</dt>
          <dd className="text-slate-900 dark:text-slate-100">{detail}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * A readable view of a FHIR R4 file: the patient, results, conditions, medications, allergies
 * and immunizations as tables; anything else as JSON. Takes the summary from `parseFhir`.
 */
export function FhirView({ summary, headingLevel = 4 }: { summary: FhirSummary; headingLevel?: HeadingLevel }) {
  const { patients, observations, conditions, medications, allergies, immunizations, others, skippedEntries } = summary;
  const empty = [patients, observations, conditions, medications, allergies, immunizations, others].every((list) => list.length === 0);

  return (
    <div data-testid="fhir-view" className="space-y-5">
      {empty && <p className="text-sm text-slate-600 dark:text-slate-400">This FHIR file contains no resources to show.</p>}

      {patients.length > 0 && (
        <Section title="Patient" level={headingLevel}>
          {patients.map((patient, i) => (
            <PatientDetails key={patient.id ?? i} patient={patient} />
          ))}
        </Section>
      )}

      {observations.length > 0 && (
        <Section title="Observations" level={headingLevel}>
          <Table
            caption="Observations and results"
            columns={['Observation', 'Result', 'Reference range', 'Interpretation', 'Date', 'Status']}
            rows={observations.map((observation) => [
              observation.label,
              observation.value === undefined && observation.components.length === 0 ? undefined : (
                <>
                  {observation.value && <span className="font-medium">{observation.value}</span>}
                  {observation.components.length > 0 && (
                    <ul className="mt-1 space-y-0.5 text-xs text-slate-600 dark:text-slate-400">
                      {observation.components.map((component, i) => (
                        <li key={i}>
                          {component.label}: {component.value ?? 'no value'}
                          {component.interpretation && ` (${component.interpretation})`}
                        </li>
                      ))}
                    </ul>
                  )}
                  {observation.note && <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{observation.note}</p>}
                </>
              ),
              observation.referenceRange,
              observation.interpretation,
              when(observation.effective),
              observation.status,
            ])}
          />
        </Section>
      )}

      {conditions.length > 0 && (
        <Section title="Conditions" level={headingLevel}>
          <Table
            caption="Conditions"
            columns={['Condition', 'Clinical status', 'Onset', 'Resolved', 'Recorded']}
            rows={conditions.map((condition) => [
              condition.label,
              condition.verificationStatus && condition.verificationStatus !== 'Confirmed'
                ? `${condition.clinicalStatus ?? 'Unknown'} (${condition.verificationStatus.toLowerCase()})`
                : condition.clinicalStatus,
              when(condition.onset),
              when(condition.abatement),
              date(condition.recordedDate),
            ])}
          />
        </Section>
      )}

      {medications.length > 0 && (
        <Section title="Medications" level={headingLevel}>
          <Table
            caption="Medications"
            columns={['Medication', 'Dosage', 'Status', 'Taken', 'Recorded']}
            rows={medications.map((medication) => [
              medication.label,
              medication.dosage.length > 0 ? <List items={medication.dosage} /> : undefined,
              medication.intent ? `${medication.status ?? 'Unknown'} (${medication.intent.toLowerCase()})` : medication.status,
              when(medication.effective),
              date(medication.recordedDate),
            ])}
          />
        </Section>
      )}

      {allergies.length > 0 && (
        <Section title="Allergies" level={headingLevel}>
          <Table
            caption="Allergies and intolerances"
            columns={['Substance', 'Reactions', 'Criticality', 'Clinical status', 'Recorded']}
            rows={allergies.map((allergy) => [
              allergy.categories.length > 0 ? (
                <>
                  {allergy.label}
                  <span className="block text-xs font-normal text-slate-500 dark:text-slate-400">{allergy.categories.join(', ')}</span>
                </>
              ) : (
                allergy.label
              ),
              allergy.reactions.length > 0 ? (
                <List
                  items={allergy.reactions.map((reaction) =>
                    [reaction.manifestations.join(', ') || reaction.description || 'Reaction', reaction.severity && `(${reaction.severity.toLowerCase()})`]
                      .filter(Boolean)
                      .join(' '),
                  )}
                />
              ) : undefined,
              allergy.criticality,
              allergy.clinicalStatus,
              date(allergy.recordedDate),
            ])}
          />
        </Section>
      )}

      {immunizations.length > 0 && (
        <Section title="Immunizations" level={headingLevel}>
          <Table
            caption="Immunizations"
            columns={['Vaccine', 'Date', 'Status', 'Lot number', 'Dose']}
            rows={immunizations.map((immunization) => [
              immunization.label,
              when(immunization.occurrence),
              immunization.status,
              immunization.lotNumber,
              immunization.doseNumber,
            ])}
          />
        </Section>
      )}

      {others.length > 0 && (
        <Section title="Other" level={headingLevel}>
          <ul className="space-y-2">
            {others.map((other, i) => (
              <li key={`${other.resourceType}/${other.id ?? i}`}>
                <details className="rounded-md border border-slate-200 dark:border-slate-700">
                  <summary className="cursor-pointer px-3 py-2 text-sm font-medium">
                    {other.resourceType}
                    {other.id && <span className="ml-2 font-mono text-xs text-slate-500 dark:text-slate-400">{other.id}</span>}
                  </summary>
                  <pre className="max-h-72 overflow-auto whitespace-pre-wrap border-t border-slate-200 bg-slate-50 p-3 text-xs dark:border-slate-700 dark:bg-slate-800">
                    {other.json}
                  </pre>
                </details>
              </li>
            ))}
          </ul>
        </Section>
      )}

      {skippedEntries > 0 && (
        <p className="text-xs text-slate-500 dark:text-slate-400">
          {skippedEntries === 1 ? '1 entry' : `${skippedEntries} entries`} in this file had no readable resource and {skippedEntries === 1 ? 'is' : 'are'} not shown.
        </p>
      )}
    </div>
  );
}
