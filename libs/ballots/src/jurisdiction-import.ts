import { DomainError, Jurisdiction, requirePermission, type JurisdictionBundle } from '@app/domain';
import { ContestEntity, CountyEntity, DistrictEntity, PrecinctDistrictEntity, PrecinctEntity, type ElectionStores, type JurisdictionStore } from '@app/persistence';
import { changes, diff, duplicates, listed, LISTED } from './jurisdiction-diff';

/** What an import did to one kind of row. */
export interface JurisdictionChanges {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Rows the bundle leaves out, deleted (`replace`). */
  readonly removed: number;
  /** Rows the bundle leaves out, kept (`merge`). */
  readonly kept: number;
}

/**
 * `merge` (the default): the bundle adds and updates; what it leaves out is kept. `replace`: the
 * bundle is the whole jurisdiction; what it leaves out is removed, unless something refers to it.
 */
export type JurisdictionImportMode = 'merge' | 'replace';

export interface JurisdictionImportResult {
  /** How many of each the bundle holds. */
  readonly counties: number;
  readonly districts: number;
  readonly precincts: number;
  readonly contests: number;
  readonly changes: {
    readonly counties: JurisdictionChanges;
    readonly districts: JurisdictionChanges;
    readonly precincts: JurisdictionChanges;
    readonly contests: JurisdictionChanges;
    /** Precincts whose districts (so whose ballot style) changed. */
    readonly precinctDistricts: { readonly changedPrecincts: number };
  };
  readonly mode: JurisdictionImportMode;
  /** False when nothing was written. */
  readonly changed: boolean;
}

/**
 * Loads a jurisdiction bundle into an election, or brings the election up to a corrected bundle.
 * The bundle is checked whole first (every reference resolves, every id once) and written in the
 * caller's transaction, so a refused bundle writes nothing.
 *
 * - New counties, districts, precincts and contests are added; changed names and fields (a
 *   county's name and office, a district's kind and name, a precinct's county, a contest's
 *   district, name and ballot order, which districts a listed precinct lies in) are updated in
 *   place. A county's close of business and certification are not the bundle's: left alone.
 * - `merge` keeps what the bundle leaves out (as the first imports did: a bundle can add to what
 *   is there). `replace` (the bundle is the whole jurisdiction, as corrected) deletes what it
 *   leaves out, but only what nothing refers to: a county or precinct that ballots or voters are
 *   in, a district or contest that was on the ballot of a ballot taken in (cast in, or its matched
 *   voter registered in, a precinct of that district), a county a roll import or a certification
 *   names are never deleted; the import is refused, naming every one. A clerk sees exactly what
 *   to put back; an auditor finds no ballot pointing at something that is gone.
 * - Either way, moving a precinct that ballots or voters are in to another county is refused
 *   (they would no longer agree with it).
 * - Importing the same bundle again changes nothing and writes nothing. An import that changes
 *   anything appends `JURISDICTION_IMPORTED` (counts, and the ids changed), as the stores' actor.
 * The jurisdiction is the state's: the stores must reach every county.
 */
export async function importJurisdiction(
  e: ElectionStores,
  bundle: JurisdictionBundle,
  options: { readonly mode?: JurisdictionImportMode; readonly now: number },
): Promise<JurisdictionImportResult> {
  requirePermission(e.scope.actor, 'import_jurisdiction');
  const store = e.jurisdiction();
  const electionId = e.electionId;
  const mode = options.mode ?? 'merge';
  try {
    new Jurisdiction(bundle);
  } catch (error) {
    throw new DomainError('invalid_input', error instanceof Error ? error.message : String(error));
  }
  const twice = [
    ...duplicates('counties', bundle.counties.map((c) => c.code)),
    ...duplicates('districts', bundle.districts.map((d) => d.id)),
    ...duplicates('precincts', bundle.precincts.map((p) => p.id)),
    ...duplicates('contests', bundle.contests.map((c) => c.id)),
    ...bundle.precincts.flatMap((p) => duplicates(`districts of precinct ${p.id}`, p.districtIds)),
  ];
  if (twice.length > 0) throw new DomainError('invalid_input', `the bundle lists some ids twice: ${twice.join('; ')}`);

  const counties = diff(
    await store.rows('counties'),
    bundle.counties.map((c) =>
      Object.assign(new CountyEntity(), {
        electionId,
        code: c.code,
        name: c.name,
        officeName: c.office?.name ?? null,
        officeAddress: c.office?.address ?? null,
        officeHours: c.office?.hours ?? null,
        officePhone: c.office?.phone ?? null,
        officeEmail: c.office?.email ?? null,
        officeTranslations: c.office?.translations ?? null,
        certifiedAt: null,
        certifiedBy: null,
      }),
    ),
    (c) => c.code,
    (a, b) =>
      a.name === b.name && a.officeName === b.officeName && a.officeAddress === b.officeAddress && a.officeHours === b.officeHours && a.officePhone === b.officePhone && a.officeEmail === b.officeEmail && JSON.stringify(a.officeTranslations) === JSON.stringify(b.officeTranslations),
  );
  const districts = diff(
    await store.rows('districts'),
    bundle.districts.map((d) => Object.assign(new DistrictEntity(), { electionId, id: d.id, kind: d.kind, name: d.name })),
    (d) => d.id,
    (a, b) => a.kind === b.kind && a.name === b.name,
  );
  const precincts = diff(
    await store.rows('precincts'),
    bundle.precincts.map((p) => Object.assign(new PrecinctEntity(), { electionId, id: p.id, countyCode: p.countyCode, name: p.id })),
    (p) => p.id,
    (a, b) => a.countyCode === b.countyCode && a.name === b.name,
  );
  const contests = diff(
    await store.rows('contests'),
    bundle.contests.map((c, i) => Object.assign(new ContestEntity(), { electionId, id: c.id, districtId: c.districtId, name: c.name, ballotOrder: i })),
    (c) => c.id,
    (a, b) => a.districtId === b.districtId && a.name === b.name && a.ballotOrder === b.ballotOrder,
  );
  const storedLinks = await store.links();
  // Each listed precinct lists all its districts; in a merge, precincts left out keep theirs.
  const listedPrecincts = new Set(bundle.precincts.map((p) => p.id));
  const links = diff(
    mode === 'replace' ? storedLinks : storedLinks.filter((l) => listedPrecincts.has(l.precinctId)),
    bundle.precincts.flatMap((p) => p.districtIds.map((districtId) => Object.assign(new PrecinctDistrictEntity(), { electionId, precinctId: p.id, districtId }))),
    (l) => `${l.precinctId}\u0000${l.districtId}`,
    () => true,
  );

  const removing = mode === 'replace';
  await refuseRemovingWhatIsUsed(store, {
    counties: removing ? counties.absent : [],
    districts: removing ? districts.absent : [],
    precincts: removing ? precincts.absent : [],
    contests: removing ? contests.absent : [],
    moved: precincts.updates.filter((u) => u.before.countyCode !== u.after.countyCode),
    storedLinks,
  });

  // Parents before children; removals last, children first.
  await store.insert('counties', counties.inserts);
  for (const { after: c } of counties.updates) {
    await store.update('counties', c, {
      name: c.name,
      officeName: c.officeName,
      officeAddress: c.officeAddress,
      officeHours: c.officeHours,
      officePhone: c.officePhone,
      officeEmail: c.officeEmail,
      officeTranslations: c.officeTranslations,
    });
  }
  await store.insert('districts', districts.inserts);
  for (const { after: d } of districts.updates) await store.update('districts', d, { kind: d.kind, name: d.name });
  await store.insert('precincts', precincts.inserts);
  for (const { after: p } of precincts.updates) await store.update('precincts', p, { countyCode: p.countyCode, name: p.name });
  await store.insert('contests', contests.inserts);
  for (const { after: c } of contests.updates) await store.update('contests', c, { districtId: c.districtId, name: c.name, ballotOrder: c.ballotOrder });
  for (const l of links.absent) await store.removeLink(l);
  await store.insertLinks(links.inserts);
  if (removing) {
    for (const c of contests.absent) await store.remove('contests', c);
    for (const p of precincts.absent) await store.remove('precincts', p);
    for (const d of districts.absent) await store.remove('districts', d);
    for (const c of counties.absent) await store.remove('counties', c);
  }

  // A precinct whose districts changed has a new ballot style; a new precinct is not a change of style.
  const newPrecincts = new Set(precincts.inserts.map((p) => p.id));
  const restyled = [...new Set([...links.inserts, ...links.absent].map((l) => l.precinctId))].filter((id) => !newPrecincts.has(id) && listedPrecincts.has(id));
  const result: JurisdictionImportResult = {
    counties: bundle.counties.length,
    districts: bundle.districts.length,
    precincts: bundle.precincts.length,
    contests: bundle.contests.length,
    changes: {
      counties: changes(counties, mode),
      districts: changes(districts, mode),
      precincts: changes(precincts, mode),
      contests: changes(contests, mode),
      precinctDistricts: { changedPrecincts: restyled.length },
    },
    mode,
    changed: links.inserts.length + links.absent.length > 0 || [counties, districts, precincts, contests].some((d) => d.inserts.length + d.updates.length + (removing ? d.absent.length : 0) > 0),
  };
  // Ballot styles and counties are the election's rules: every cache reloads them at its next use.
  if (result.changed) {
    await store.bumpRulesVersion();
    const ids = <T>(rows: readonly T[], key: (row: T) => string) => rows.map(key).sort().slice(0, LISTED);
    const updatedIds = <T>(rows: readonly { readonly after: T }[], key: (row: T) => string) => ids(rows.map((r) => r.after), key);
    await e.audit.append({
      event: 'JURISDICTION_IMPORTED',
      payload: {
        mode,
        ...result.changes,
        // Which rows changed (ids only, the first 50 of each): what an auditor checks against the bundle.
        updated: {
          counties: updatedIds(counties.updates, (c) => c.code),
          districts: updatedIds(districts.updates, (d) => d.id),
          precincts: updatedIds(precincts.updates, (p) => p.id),
          contests: updatedIds(contests.updates, (c) => c.id),
          precinctDistricts: [...restyled].sort().slice(0, LISTED),
        },
        removed: {
          counties: removing ? ids(counties.absent, (c) => c.code) : [],
          districts: removing ? ids(districts.absent, (d) => d.id) : [],
          precincts: removing ? ids(precincts.absent, (p) => p.id) : [],
          contests: removing ? ids(contests.absent, (c) => c.id) : [],
        },
      },
      at: options.now,
    });
  }
  return result;
}

async function refuseRemovingWhatIsUsed(
  store: JurisdictionStore,
  d: {
    /** Rows about to be deleted. */
    counties: readonly CountyEntity[];
    districts: readonly DistrictEntity[];
    precincts: readonly PrecinctEntity[];
    contests: readonly ContestEntity[];
    /** Precincts about to move to another county. */
    moved: readonly { readonly before: PrecinctEntity; readonly after: PrecinctEntity }[];
    storedLinks: readonly PrecinctDistrictEntity[];
  },
): Promise<void> {
  const problems: { field: string; message: string }[] = [];

  // Precincts left out, or moved to another county: ballots cast in them or voters registered in them.
  const moved = d.moved;
  const checkPrecincts = [...d.precincts.map((p) => p.id), ...moved.map((u) => u.after.id)];
  if (checkPrecincts.length > 0) {
    const inUse = await store.precinctsInUse(checkPrecincts);
    const removedUsed = d.precincts.map((p) => p.id).filter((id) => inUse.has(id));
    if (removedUsed.length > 0) problems.push({ field: 'precincts', message: `left out, but ballots or voters are in them: ${listed(removedUsed)}` });
    const movedUsed = moved.filter((u) => inUse.has(u.after.id));
    if (movedUsed.length > 0) {
      problems.push({ field: 'precincts', message: `moved to another county, but ballots or voters are in them: ${listed(movedUsed.map((u) => `${u.after.id} (${u.before.countyCode} to ${u.after.countyCode})`))}` });
    }
  }

  // Counties left out: ballots, voters, an import of their roll, or a certification.
  const absentCounties = d.counties.map((c) => c.code);
  if (absentCounties.length > 0) {
    const inUse = new Set([...(await store.countiesInUse(absentCounties)), ...d.counties.filter((c) => c.certifiedAt !== null).map((c) => c.code)]);
    const used = absentCounties.filter((code) => inUse.has(code));
    if (used.length > 0) problems.push({ field: 'counties', message: `left out, but ballots, voters, a roll import, their own hours or a certification name them: ${listed(used)}` });
  }

  // Districts and contests left out that were on the ballot of a ballot taken in.
  if (d.districts.length + d.contests.length > 0) {
    const ballotPrecincts = await store.precinctsOnABallot();
    const onABallot = new Set(d.storedLinks.filter((l) => ballotPrecincts.has(l.precinctId)).map((l) => l.districtId));
    const districtsUsed = d.districts.map((x) => x.id).filter((id) => onABallot.has(id));
    if (districtsUsed.length > 0) problems.push({ field: 'districts', message: `left out, but on the ballot of ballots taken in: ${listed(districtsUsed)}` });
    const storedContestDistrict = new Map(d.contests.map((c) => [c.id, c.districtId]));
    const contestsUsed = d.contests.map((c) => c.id).filter((id) => onABallot.has(storedContestDistrict.get(id) ?? ''));
    if (contestsUsed.length > 0) problems.push({ field: 'contests', message: `left out, but on the ballot of ballots taken in: ${listed(contestsUsed)}` });
  }

  if (problems.length > 0) {
    throw new DomainError(
      'conflict',
      `the bundle would remove or move what ballots or voters refer to; nothing was changed. Put these back in the bundle: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
      {},
      problems,
    );
  }
}
