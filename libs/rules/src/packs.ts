import type { LocalDate } from '@app/domain';
import { parseRulePack, type RulePack } from './pack.loader';
import GA_2020 from './packs/GA-2020.json';
import GA_2021 from './packs/GA-2021.json';
import AZ_2019 from './packs/AZ-2019.json';
import AZ_2024 from './packs/AZ-2024.json';
import AZ_2025 from './packs/AZ-2025.json';
import PA_2020 from './packs/PA-2020.json';
import CO_2018 from './packs/CO-2018.json';
import WA_2019 from './packs/WA-2019.json';

/** The packs that ship with the service, by file name (errors name the file). */
const BUNDLED: readonly (readonly [file: string, raw: unknown])[] = [
  ['GA-2020.json', GA_2020],
  ['GA-2021.json', GA_2021],
  ['AZ-2019.json', AZ_2019],
  ['AZ-2024.json', AZ_2024],
  ['AZ-2025.json', AZ_2025],
  ['PA-2020.json', PA_2020],
  ['CO-2018.json', CO_2018],
  ['WA-2019.json', WA_2019],
];

/** A set of validated packs, and the choice of the one in force for a state on a date. */
export class RulePackRegistry {
  private readonly byId: ReadonlyMap<string, RulePack>;

  constructor(readonly packs: readonly RulePack[]) {
    const byId = new Map<string, RulePack>();
    for (const pack of packs) {
      if (byId.has(pack.id)) throw new Error(`rule pack ${pack.id} is listed twice`);
      byId.set(pack.id, pack);
    }
    for (const a of packs) {
      for (const b of packs) {
        if (a.id < b.id && a.state === b.state && overlaps(a, b)) {
          throw new Error(`rule packs ${a.id} and ${b.id} are both in force on some dates for ${a.state}`);
        }
      }
    }
    this.byId = byId;
  }

  get(id: string): RulePack | undefined {
    return this.byId.get(id);
  }

  /** The pack in force for `state` on `electionDay`, by `effectiveFrom` / `effectiveTo`. */
  select(state: string, electionDay: LocalDate): RulePack | undefined {
    return this.packs.find(
      (p) => p.state === state && p.effectiveFrom <= electionDay && (p.effectiveTo === null || electionDay <= p.effectiveTo),
    );
  }
}

function overlaps(a: RulePack, b: RulePack): boolean {
  const aEnd = a.effectiveTo ?? '9999-12-31';
  const bEnd = b.effectiveTo ?? '9999-12-31';
  return a.effectiveFrom <= bEnd && b.effectiveFrom <= aEnd;
}

/** Validates every bundled pack; a bad one stops the service with a message naming its file and field. */
export function loadBundledPacks(): RulePackRegistry {
  return new RulePackRegistry(BUNDLED.map(([file, raw]) => parseRulePack(raw, file)));
}
