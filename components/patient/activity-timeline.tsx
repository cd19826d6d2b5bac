'use client';

import { useState } from 'react';
import type { Address } from 'viem';
import { useBlockTimes } from '@/hooks/use-block-times';
import { useClinicianProfiles } from '@/hooks/use-clinician-profile';
import { usePatientActivity } from '@/hooks/use-patient-activity';
import { useRecordNames } from '@/hooks/use-record-names';
import { usePublicConfig } from '@/hooks/use-public-config';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { QueryState } from '@/components/ui/query-state';
import { describeActivity } from '@/lib/activity/patient-activity';
import type { KeyPair } from '@/lib/crypto';

const PAGE = 20;

/** The patient's audit trail, read from the chain's events: nothing here comes from this browser. */
export function ActivityTimeline({ patient, keyPair }: { patient: Address; keyPair: KeyPair }) {
  const config = usePublicConfig();
  const [shown, setShown] = useState(PAGE);
  const { known } = useRecordNames(patient, keyPair);
  const recordName = (id: bigint) => known.get(id) ?? `record ${id.toString()}`;

  const activity = usePatientActivity(patient);
  const page = activity.data?.slice(0, shown) ?? [];
  // Clinicians are named by their public profile where they published one.
  const counterparties = [...new Set(page.flatMap((e) => (e.counterparty ? [e.counterparty] : [])))];
  const profiles = useClinicianProfiles(counterparties);
  const times = useBlockTimes(page.map((e) => e.blockNumber));

  return (
    <Card title="Activity" description="Everything that happened to your records and consents, as recorded on the chain.">
      {/* The page of entries is computed above (names, times), so the list itself is written out below. */}
      <QueryState query={activity} loading="Loading activity…" errorTitle="Activity could not be loaded" empty="Nothing yet. Adding or sharing a record will show here." />
      {page.length > 0 && (
        <ol className="space-y-3" aria-label="Activity, newest first" data-testid="activity-timeline">
          {page.map((entry) => {
            const seconds = times.data?.get(entry.blockNumber);
            const time = seconds === undefined ? undefined : Number(seconds);
            return (
              <li key={entry.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 border-l-2 border-brand-600 pl-3 text-sm" data-testid="activity-entry" data-kind={entry.kind}>
                <span>{describeActivity(entry, recordName, (a) => profiles.get(a.toLowerCase())?.displayName)}</span>
                <span className="text-xs text-slate-600 dark:text-slate-400">
                  {time ? <time dateTime={new Date(time * 1000).toISOString()}>{new Date(time * 1000).toLocaleString()}</time> : `block ${entry.blockNumber.toString()}`}
                  {config.explorerUrl && (
                    <>
                      {' · '}
                      <a className="underline" href={`${config.explorerUrl}/tx/${entry.transactionHash}`} target="_blank" rel="noreferrer noopener">
                        transaction
                      </a>
                    </>
                  )}
                </span>
              </li>
            );
          })}
        </ol>
      )}
      {activity.data && activity.data.length > shown && (
        <Button variant="secondary" className="mt-3" onClick={() => setShown((n) => n + PAGE)}>Show older activity</Button>
      )}
    </Card>
  );
}
