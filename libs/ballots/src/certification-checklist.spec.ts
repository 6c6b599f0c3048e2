import type { Deadline } from '@app/rules';
import { certificationChecklist, type CertificationFacts } from './certification-checklist';

const deadline = (name: Deadline['name'], iso: string, courtOrder: string | null = null): Deadline => ({
  name,
  at: Date.parse(iso),
  localDate: iso.slice(0, 10),
  local: iso,
  display: `display of ${iso}`,
  source: 'O.C.G.A. § 21-2-419(b)',
  courtOrder,
});

/** A county ready to certify on Saturday 7 Nov 2020, the cure window closed the day before. */
const READY: CertificationFacts = {
  outstanding: 0,
  awaitingCure: 0,
  pendingUploads: 0,
  cureDeadline: deadline('provisionalCure', '2020-11-06T17:00:00.000-05:00'),
  certificationDeadline: deadline('countyCertification', '2020-11-13T17:00:00.000-05:00'),
  certifiedAt: null,
  now: Date.parse('2020-11-07T10:00:00-05:00'),
};

const failing = (facts: Partial<CertificationFacts>): string[] => certificationChecklist({ ...READY, ...facts }).filter((i) => !i.ok).map((i) => i.key);

describe('the certification checklist (issue 14, item 4)', () => {
  it('is complete for a county with nothing left to do', () => {
    expect(certificationChecklist(READY).map((i) => [i.key, i.ok])).toEqual([['outstanding', true], ['pendingUploads', true], ['cureWindow', true], ['notCertified', true]]);
  });

  it('names each thing left: ballots outstanding, uploads waiting, certified already', () => {
    expect(failing({ outstanding: 3 })).toEqual(['outstanding']);
    expect(certificationChecklist({ ...READY, outstanding: 1 })[0]?.text).toBe('1 ballot still outstanding: each must be counted or rejected first.');
    expect(failing({ pendingUploads: 2 })).toEqual(['pendingUploads']);
    expect(failing({ certifiedAt: READY.now - 1 })).toEqual(['notCertified']);
  });

  it('an open cure window blocks while a voter can still cure, and not when nobody waits for a cure', () => {
    const open = { now: Date.parse('2020-11-05T10:00:00-05:00') };
    expect(failing({ ...open, awaitingCure: 2, outstanding: 2 })).toEqual(['outstanding', 'cureWindow']);
    expect(failing(open)).toEqual([]);
    expect(certificationChecklist({ ...READY, ...open }).find((i) => i.key === 'cureWindow')?.text).toContain('no ballot waits for a cure');
  });

  it('the deadline instant itself is still in the window; a court order is cited instead of the statute', () => {
    const moved = deadline('provisionalCure', '2020-11-09T17:00:00.000-05:00', 'Fulton Superior Court 2020CV1');
    expect(failing({ cureDeadline: moved, now: moved.at, awaitingCure: 1, outstanding: 1 })).toContain('cureWindow');
    expect(failing({ cureDeadline: moved, now: moved.at + 1, awaitingCure: 1, outstanding: 1 })).not.toContain('cureWindow');
    expect(certificationChecklist({ ...READY, cureDeadline: moved, now: moved.at + 1 }).find((i) => i.key === 'cureWindow')?.text).toContain('Fulton Superior Court 2020CV1');
  });
});
