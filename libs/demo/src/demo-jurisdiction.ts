import type { DistrictKind, JurisdictionBundle } from '@app/domain';
import { countyCode, GEORGIA_COUNTIES, LARGE_COUNTIES } from './georgia-counties';
import { seededRandom } from './random';

const CONGRESSIONAL = 14;
const SENATE = 56;
const HOUSE = 180;

/**
 * A synthetic Georgia: the 159 real counties, invented precincts, and districts drawn by county
 * order (congressional, state senate and house districts each cover a run of neighbouring
 * counties in the list). Contests: four statewide races, one per district.
 */
export function demoJurisdiction(): JurisdictionBundle {
  const random = seededRandom(159);
  const districts: { id: string; kind: DistrictKind; name: string }[] = [{ id: 'GA', kind: 'statewide', name: 'State of Georgia' }];
  for (let i = 1; i <= CONGRESSIONAL; i += 1) districts.push({ id: `CD${i}`, kind: 'congressional', name: `Congressional District ${i}` });
  for (let i = 1; i <= SENATE; i += 1) districts.push({ id: `SD${i}`, kind: 'state_senate', name: `State Senate District ${i}` });
  for (let i = 1; i <= HOUSE; i += 1) districts.push({ id: `HD${i}`, kind: 'state_house', name: `State House District ${i}` });
  // Offices are invented (the county names are real, the addresses and numbers are not): 555-01xx numbers, example.org mail.
  const counties = GEORGIA_COUNTIES.map((name, index) => ({
    code: countyCode(name),
    name,
    office: {
      name: `${name} County Board of Elections and Registration (demo)`,
      address: `${100 + index} Courthouse Square, ${name} County, GA`,
      hours: 'Monday to Friday, 8:00 AM to 5:00 PM',
      phone: `(404) 555-01${String(index % 100).padStart(2, '0')}`,
      email: `elections@${countyCode(name).toLowerCase()}.example.org`,
      translations: { es: { name: `Junta Electoral y de Registro del Condado de ${name} (demostración)`, hours: 'De lunes a viernes, de 8:00 a. m. a 5:00 p. m.' } },
    },
  }));
  for (const county of counties) districts.push({ id: `CO-${county.code}`, kind: 'county', name: `${county.name} County` });

  const precincts = counties.flatMap((county, index) => {
    const count = LARGE_COUNTIES.has(county.name) ? 24 : 3 + Math.floor(random() * 6);
    return Array.from({ length: count }, (_, p) => {
      const position = (index + p / count) / counties.length; // 0..1 along the county list
      const cd = 1 + Math.min(CONGRESSIONAL - 1, Math.floor(position * CONGRESSIONAL));
      const sd = 1 + Math.min(SENATE - 1, Math.floor(position * SENATE));
      const hd = 1 + Math.min(HOUSE - 1, Math.floor(position * HOUSE));
      return { id: `${county.code}-${String(p + 1).padStart(3, '0')}`, countyCode: county.code, districtIds: ['GA', `CD${cd}`, `SD${sd}`, `HD${hd}`, `CO-${county.code}`] };
    });
  });

  const contests = [
    { id: 'PRES', districtId: 'GA', name: 'President of the United States' },
    { id: 'USSEN', districtId: 'GA', name: 'United States Senate (Perdue seat)' },
    { id: 'USSEN-SPECIAL', districtId: 'GA', name: 'United States Senate, special election (Loeffler seat)' },
    { id: 'PSC-1', districtId: 'GA', name: 'Public Service Commission, District 1' },
    ...districts.filter((d) => d.kind !== 'statewide').map((d) => ({ id: `${d.id}-SEAT`, districtId: d.id, name: d.kind === 'county' ? `${d.name} Commission` : d.name })),
  ];
  return { counties, districts, precincts, contests };
}
