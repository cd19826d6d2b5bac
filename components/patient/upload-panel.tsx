'use client';

import { useId, useState, type ChangeEvent, type DragEvent, type FormEvent } from 'react';
import type { Address } from 'viem';
import { useRecordUploads } from '@/hooks/use-record-uploads';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import type { KeyPair } from '@/lib/crypto';
import { MAX_RECORD_BYTES } from '@/lib/limits';
import type { DiscardOutcome, PendingUpload } from '@/lib/records/upload-pipeline';
import { uploadProgress } from '@/lib/records/upload-progress';
import { FIELD_CLASSES } from '@/components/ui/field';

/** One file's way from this browser to the records: a stage in words and one bar for all of it. */
function UploadProgress({ upload }: { upload: PendingUpload }) {
  const failed = upload.error !== null;
  const view = uploadProgress({ stage: upload.stage, encrypted: upload.encrypted, stored: upload.stored, failed });
  const waiting = !failed && !view.measured;
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="font-medium break-all">{upload.fileName}</span>
        <span className={failed ? 'text-red-700 dark:text-red-300' : 'text-slate-600 dark:text-slate-400'} aria-live="polite" data-testid="upload-stage">
          {view.label}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={`Adding ${upload.fileName}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={view.percent}
        aria-valuetext={view.valueText}
        className="mt-2 h-2 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
        data-testid="upload-progress"
      >
        <div
          className={`h-full rounded-full transition-[width] duration-300 ${failed ? 'bg-red-600 dark:bg-red-400' : 'bg-brand-600'} ${waiting ? 'motion-safe:animate-pulse' : ''}`}
          style={{ width: `${view.percent}%` }}
        />
      </div>
    </>
  );
}

export function UploadPanel({ patient, keyPair }: { patient: Address; keyPair: KeyPair }) {
  const inputId = useId();
  const { uploads, addFile, retry, discard } = useRecordUploads(patient, keyPair);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [discarded, setDiscarded] = useState<DiscardOutcome | null>(null);
  const [dragging, setDragging] = useState(false);

  const noteIds = { title: useId(), body: useId() };
  const [noteTitle, setNoteTitle] = useState('');
  const [noteBody, setNoteBody] = useState('');

  function saveNote(event: FormEvent) {
    event.preventDefault();
    const title = noteTitle.trim() || `Note ${new Date().toLocaleDateString()}`;
    const refused = addFile(new File([noteBody], `${title}.txt`, { type: 'text/plain' }), 'note');
    setRefusal(refused);
    if (!refused) {
      setNoteTitle('');
      setNoteBody('');
    }
  }

  function take(files: FileList | null) {
    if (!files) return;
    const refusals = [...files].map((file) => addFile(file)).filter((r): r is string => r !== null);
    setRefusal(refusals[0] ?? null);
  }

  return (
    <Card
      title="Add a record"
      description={`PDF, images, text or FHIR JSON, up to ${Math.round(MAX_RECORD_BYTES / (1024 * 1024))} MB each. The file is encrypted before it leaves this browser.`}
    >
      <div
        onDragOver={(e: DragEvent) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e: DragEvent) => {
          e.preventDefault();
          setDragging(false);
          take(e.dataTransfer.files);
        }}
        className={`flex flex-col items-center gap-2 rounded-md border-2 border-dashed p-6 text-sm ${dragging ? 'border-brand-600 bg-brand-50 dark:bg-slate-800' : 'border-slate-300 dark:border-slate-700'}`}
      >
        <label htmlFor={inputId} className="cursor-pointer font-medium text-brand-700 underline dark:text-brand-100">
          Choose files
        </label>
        <span className="text-slate-500 dark:text-slate-400">or drop them here</span>
        <input
          id={inputId}
          type="file"
          multiple
          className="sr-only"
          data-testid="record-file-input"
          onChange={(e: ChangeEvent<HTMLInputElement>) => {
            take(e.target.files);
            e.target.value = '';
          }}
        />
      </div>
      <details className="mt-3 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700">
        <summary className="cursor-pointer font-medium">Or write a note</summary>
        <form onSubmit={saveNote} className="mt-3 space-y-2">
          <div>
            <label htmlFor={noteIds.title} className="block text-sm font-medium">Title</label>
            <input
              id={noteIds.title}
              value={noteTitle}
              onChange={(e) => setNoteTitle(e.target.value)}
              placeholder="e.g. Symptoms this week"
              className={`${FIELD_CLASSES} w-full`}
            />
          </div>
          <div>
            <label htmlFor={noteIds.body} className="block text-sm font-medium">Note</label>
            <textarea
              id={noteIds.body}
              value={noteBody}
              onChange={(e) => setNoteBody(e.target.value)}
              rows={4}
              className={`${FIELD_CLASSES} w-full`}
            />
          </div>
          <Button type="submit" disabled={noteBody.trim() === ''}>Save note</Button>
        </form>
      </details>
      <div className="mt-3 space-y-2">
        {refusal && <Notice tone="error">{refusal}</Notice>}
        {discarded && (
          <div data-testid="discard-outcome">
            <Notice tone={discarded.tone}>{discarded.message}</Notice>
          </div>
        )}
        {uploads.length > 0 && (
          <ul aria-label="Uploads in progress" className="space-y-2">
            {uploads.map((upload) => (
              <li key={upload.id} className="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700" data-testid="pending-upload" data-stage={upload.error ? 'failed' : upload.stage}>
                <UploadProgress upload={upload} />
                {upload.error && (
                  <div className="mt-2 space-y-2">
                    <Notice tone="error">{upload.error}</Notice>
                    <div className="flex gap-2">
                      <Button onClick={() => retry(upload.id)}>Retry</Button>
                      <Button variant="secondary" onClick={() => void discard(upload.id).then(setDiscarded)}>Discard</Button>
                    </div>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
