import { AuditChainHeadEntity, AuditEntryEntity } from './audit-entry.entity';
import { BallotEntity } from './ballot.entity';
import { CountyEntity } from './county.entity';
import { CountyHoursEntity, CourtOrderEntity } from './court-order.entity';
import { ElectionEntity } from './election.entity';
import { ContestEntity, DistrictEntity, PrecinctDistrictEntity, PrecinctEntity } from './jurisdiction.entity';
import { CureSubmissionEntity } from './cure-submission.entity';
import { CONTACT_CHANGE_STATUSES, CONTACT_CHANNELS, ContactChangeEntity, type ContactChangeStatus, type ContactChannel } from './contact-change.entity';
import { DELIVERY_STATUS_CODES, LetterBatchEntity, NoticeAttemptEntity, NoticeHoldEntity, OUTBOX_STATUSES, OutboxEntity, SmsOptOutEntity, type DeliveryStatusCode, type NoticeChannel, type OutboxStatus } from './outbox.entity';
import { SessionEntity, UserEntity } from './user.entity';
import { VoterEntity } from './voter.entity';
import { VoterImportEntity } from './voter-import.entity';

export {
  CONTACT_CHANGE_STATUSES,
  CONTACT_CHANNELS,
  ContactChangeEntity,
  type ContactChangeStatus,
  type ContactChannel,
  AuditChainHeadEntity,
  AuditEntryEntity,
  BallotEntity,
  ContestEntity,
  CountyEntity,
  CountyHoursEntity,
  CourtOrderEntity,
  CureSubmissionEntity,
  DistrictEntity,
  ElectionEntity,
  DELIVERY_STATUS_CODES,
  LetterBatchEntity,
  NoticeAttemptEntity,
  NoticeHoldEntity,
  SmsOptOutEntity,
  type DeliveryStatusCode,
  OUTBOX_STATUSES,
  OutboxEntity,
  PrecinctDistrictEntity,
  PrecinctEntity,
  SessionEntity,
  UserEntity,
  VoterEntity,
  VoterImportEntity,
  type NoticeChannel,
  type OutboxStatus,
};

export const ENTITIES = [
  LetterBatchEntity,
  NoticeHoldEntity,
  SmsOptOutEntity,
  ElectionEntity,
  CountyEntity,
  CourtOrderEntity,
  CountyHoursEntity,
  DistrictEntity,
  PrecinctEntity,
  PrecinctDistrictEntity,
  ContestEntity,
  VoterEntity,
  VoterImportEntity,
  BallotEntity,
  AuditEntryEntity,
  AuditChainHeadEntity,
  UserEntity,
  SessionEntity,
  OutboxEntity,
  NoticeAttemptEntity,
  CureSubmissionEntity,
  ContactChangeEntity,
];
