import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ElectionView as ElectionData } from '@app/ballots';
import type { CountyEntity, ElectionEntity } from '@app/persistence';
import { ELECTION_TYPES, type Deadline } from '@app/rules';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class ReopenDto {
  @ApiProperty({ example: 'In re Fulton County, No. 2020CV123 (Fulton Super. Ct. Nov. 20, 2020)' })
  @IsString() @MinLength(1) @MaxLength(500)
  courtOrder!: string;
}

export class CertificationView {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) certifiedAt!: string | null;
}

class DeadlineView {
  @ApiProperty() name!: string;
  @ApiProperty() display!: string;
  @ApiProperty() local!: string;
  @ApiProperty() source!: string;
  @ApiProperty({ nullable: true, type: String }) courtOrder!: string | null;
}

class CountyView {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) certifiedAt!: string | null;
  @ApiProperty({ type: [DeadlineView] }) deadlines!: DeadlineView[];
}

export class ElectionView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() state!: string;
  @ApiProperty() electionDay!: string;
  @ApiProperty() timeZone!: string;
  @ApiProperty() rulePackId!: string;
  @ApiProperty({ enum: ELECTION_TYPES }) electionType!: string;
  @ApiProperty() federal!: boolean;
  @ApiProperty({ description: 'bumped by every change of the election\'s rules (a jurisdiction import, a court order, a county\'s hours)' }) rulesVersion!: number;
  @ApiPropertyOptional({ type: [CountyView] }) counties?: CountyView[];
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export const certificationView = (c: CountyEntity): CertificationView => ({ code: c.code, name: c.name, certifiedAt: iso(c.certifiedAt) });

export const electionView = (e: ElectionEntity): ElectionView => ({
  id: e.id,
  name: e.name,
  state: e.state,
  electionDay: e.electionDay,
  timeZone: e.timeZone,
  rulePackId: e.rulePackId,
  electionType: e.electionType,
  federal: e.federal,
  rulesVersion: e.rulesVersion,
});

const deadlineView = (d: Deadline): DeadlineView => ({ name: d.name, display: d.display, local: d.local, source: d.source, courtOrder: d.courtOrder });

/** The election with its counties (as far as the actor reaches), each with every deadline in local time and its source. */
export const electionDetailView = ({ election, counties, rules }: ElectionData): ElectionView => ({
  ...electionView(election),
  counties: [...counties]
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((c) => ({
      ...certificationView(c),
      deadlines: Object.values(rules.calendar.forCounty(c.code).deadlines).flatMap((d: Deadline | null) => (d === null ? [] : [deadlineView(d)])),
    })),
});

class JurisdictionChangesView {
  @ApiProperty() inserted!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() unchanged!: number;
  @ApiProperty({ description: 'left out of the bundle and deleted (replace)' }) removed!: number;
  @ApiProperty({ description: 'left out of the bundle and kept (merge)' }) kept!: number;
}

class PrecinctDistrictChangesView {
  @ApiProperty({ description: 'precincts whose districts (so ballot style) changed' }) changedPrecincts!: number;
}

class JurisdictionChangeSetView {
  @ApiProperty({ type: JurisdictionChangesView }) counties!: JurisdictionChangesView;
  @ApiProperty({ type: JurisdictionChangesView }) districts!: JurisdictionChangesView;
  @ApiProperty({ type: JurisdictionChangesView }) precincts!: JurisdictionChangesView;
  @ApiProperty({ type: JurisdictionChangesView }) contests!: JurisdictionChangesView;
  @ApiProperty({ type: PrecinctDistrictChangesView }) precinctDistricts!: PrecinctDistrictChangesView;
}

/** What a jurisdiction import did (JurisdictionImportResult in libs/ballots). */
export class JurisdictionImportView {
  @ApiProperty({ description: 'counties in the bundle' }) counties!: number;
  @ApiProperty() districts!: number;
  @ApiProperty() precincts!: number;
  @ApiProperty() contests!: number;
  @ApiProperty({ type: JurisdictionChangeSetView }) changes!: JurisdictionChangeSetView;
  @ApiProperty({ enum: ['merge', 'replace'] }) mode!: string;
  @ApiProperty({ description: 'false when nothing was written' }) changed!: boolean;
}
