import type { BatchView } from '../../contract.ts';
import { mayInBatch } from '../../permissions.ts';
import { CandidateListPanel } from './CandidateListPanel.tsx';
import { PracticalSheetsPanel } from './PracticalSheetsPanel.tsx';
import { StaffChangesPanel } from './StaffChangesPanel.tsx';

/** 考务与考评表: the exam day as the policy runs it — the list published first, staff frozen, the practical sheets. */
export function ExamDayPanel(props: { batch: BatchView; onChanged: () => void }) {
  return (
    <>
      <CandidateListPanel
        batchId={props.batch.id}
        canAct={mayInBatch('publicity.write', props.batch)}
        onPublished={props.onChanged}
      />
      <StaffChangesPanel batch={props.batch} onChanged={props.onChanged} />
      <PracticalSheetsPanel batch={props.batch} />
    </>
  );
}
