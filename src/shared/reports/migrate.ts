// The record migration that reports need (to be run once per record as an IndexedDB upgrade
// step by the versioned history). Pure and idempotent.
//  - technician: the lifecycle copies it from the ticket; older records may only have it there.
//  - expired cases end at their expiry: closedAt = validUntil where it is missing.
//  - closedBy cannot be told for old records (nothing recorded whether the Management Console
//    closed a case): left unset, which reports read as "closed by stop".
//  - connection (device, connected time, notes) is not rebuilt from the comment text: the next
//    team-wide sync fills it from TeamViewer's connection reports.
import type { CaseRecord } from '../case';

export function migrateCaseForReports(rec: CaseRecord): CaseRecord {
  let next = rec;
  const tech = rec.ticket?.fields?.technician;
  if (!rec.technician && tech) next = { ...next, technician: tech };
  if (rec.state === 'expired' && !rec.closedAt && rec.validUntil) next = { ...next, closedAt: rec.validUntil };
  return next;
}
