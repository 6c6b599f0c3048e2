import type { DistrictKind, VoterLanguage } from './codes';

/** The county office a voter is sent to: the portal and the notices show it. */
export interface CountyOffice {
  readonly name: string;
  readonly address: string;
  readonly hours: string;
  readonly phone: string;
  readonly email?: string;
  /**
   * The office's words in other languages, as the county gives them (for example
   * `{"es": {"hours": "De lunes a viernes, de 8:00 a. m. a 5:00 p. m."}}`): a voter reading in
   * that language sees them instead; what is left out is shown as given above.
   */
  readonly translations?: OfficeTranslations;
}

/** The office's name, address and hours in a language other than the one the county wrote them in. */
export interface OfficeTranslation {
  readonly name?: string;
  readonly address?: string;
  readonly hours?: string;
}
export type OfficeTranslations = Readonly<Partial<Record<VoterLanguage, OfficeTranslation>>>;

/** The jurisdiction bundle as imported (SPEC section 2): plain data, validated at the edge. */
export interface JurisdictionBundle {
  readonly counties: readonly { readonly code: string; readonly name: string; readonly office?: CountyOffice }[];
  readonly districts: readonly { readonly id: string; readonly kind: DistrictKind; readonly name: string }[];
  /** Each precinct lists the districts it lies in. */
  readonly precincts: readonly {
    readonly id: string;
    readonly countyCode: string;
    readonly districtIds: readonly string[];
  }[];
  readonly contests: readonly { readonly id: string; readonly districtId: string; readonly name: string }[];
}

/**
 * Read-only index over a bundle. A precinct's ballot style is the list of contests of the
 * districts it lies in, in the bundle's contest order; computed once here so the eligibility
 * engine only looks things up.
 */
export class Jurisdiction {
  private readonly styles = new Map<string, readonly string[]>();
  private readonly styleSets = new Map<string, ReadonlySet<string>>();
  private readonly precinctCounty = new Map<string, string>();
  private readonly statewideContests = new Set<string>();
  private readonly countyCodes: ReadonlySet<string>;

  constructor(readonly bundle: JurisdictionBundle) {
    this.countyCodes = new Set(bundle.counties.map((c) => c.code));
    const districtKind = new Map(bundle.districts.map((d) => [d.id, d.kind]));
    const contestsByDistrict = new Map<string, string[]>();
    for (const contest of bundle.contests) {
      const kind = districtKind.get(contest.districtId);
      if (kind === undefined) {
        throw new Error(`contest ${contest.id} names unknown district ${contest.districtId}`);
      }
      if (kind === 'statewide') this.statewideContests.add(contest.id);
      const list = contestsByDistrict.get(contest.districtId) ?? [];
      list.push(contest.id);
      contestsByDistrict.set(contest.districtId, list);
    }
    const contestOrder = new Map(bundle.contests.map((c, i) => [c.id, i]));
    for (const precinct of bundle.precincts) {
      if (!this.countyCodes.has(precinct.countyCode)) {
        throw new Error(`precinct ${precinct.id} names unknown county ${precinct.countyCode}`);
      }
      const contests: string[] = [];
      for (const districtId of precinct.districtIds) {
        if (!districtKind.has(districtId)) {
          throw new Error(`precinct ${precinct.id} names unknown district ${districtId}`);
        }
        contests.push(...(contestsByDistrict.get(districtId) ?? []));
      }
      contests.sort((a, b) => (contestOrder.get(a) ?? 0) - (contestOrder.get(b) ?? 0));
      this.styles.set(precinct.id, contests);
      this.styleSets.set(precinct.id, new Set(contests));
      this.precinctCounty.set(precinct.id, precinct.countyCode);
    }
  }

  hasCounty(code: string): boolean {
    return this.countyCodes.has(code);
  }

  countyOf(precinctId: string): string | undefined {
    return this.precinctCounty.get(precinctId);
  }

  /** Contest ids on the precinct's ballot, in ballot order; undefined for an unknown precinct. */
  ballotStyle(precinctId: string): readonly string[] | undefined {
    return this.styles.get(precinctId);
  }

  ballotStyleSet(precinctId: string): ReadonlySet<string> | undefined {
    return this.styleSets.get(precinctId);
  }

  isStatewide(contestId: string): boolean {
    return this.statewideContests.has(contestId);
  }
}
