import type { INestApplicationContext } from '@nestjs/common';
import { DeadlineOrders } from '@app/ballots';
import { UsersService } from '@app/auth';
import { EXIT } from '../context';
import { DomainError, type StaffActor } from '@app/domain';

/** Court orders and county hours name the person who recorded them: the CLI acts as a staff account. */
async function recorder(app: INestApplicationContext, username: string | undefined): Promise<StaffActor> {
  if (username === undefined) throw new DomainError('invalid_input', 'say who records it with --as <username> (a supervisor for their county, or an administrator)');
  return app.get(UsersService).actorNamed(username);
}

export interface CourtOrderOptions {
  readonly election: string;
  readonly citation: string;
  readonly deadline: string;
  readonly to: string;
  readonly county?: string[];
  readonly summary?: string;
  readonly as?: string;
}

export async function recordCourtOrderCommand(app: INestApplicationContext, o: CourtOrderOptions): Promise<number> {
  const actor = await recorder(app, o.as);
  const { recorded, noticesQueued } = await app.get(DeadlineOrders).recordCourtOrder(actor, o.election, {
    citation: o.citation,
    summary: o.summary ?? null,
    deadline: o.deadline,
    countyCodes: o.county === undefined || o.county.length === 0 ? null : o.county.map((c) => c.toUpperCase()),
    extendedTo: o.to,
  });
  console.log(`court order recorded (rules version ${recorded.rulesVersion}): ${recorded.deadline} moved to ${recorded.extendedTo.replace('T', ' ')} local time for ${recorded.countyCodes === null ? 'the whole election' : recorded.countyCodes.join(', ')}; ${noticesQueued} voter${noticesQueued === 1 ? '' : 's'} awaiting a cure will be sent the new deadline`);
  return EXIT.ok;
}

export async function listCourtOrdersCommand(app: INestApplicationContext, election: string, as: string | undefined): Promise<number> {
  const actor: StaffActor = as === undefined ? { id: 'system', username: 'system', role: 'observer', countyCode: null } : await recorder(app, as);
  const history = await app.get(DeadlineOrders).history(actor, election);
  if (history.courtOrders.length === 0 && history.countyHours.length === 0) {
    console.log(`no court order or county hours recorded for ${election}`);
    return EXIT.ok;
  }
  for (const { order, supersededBy } of history.courtOrders) {
    console.log(`order v${order.rulesVersion} ${new Date(order.recordedAt).toISOString()}: ${order.deadline} to ${order.extendedTo.replace('T', ' ')} for ${order.countyCodes === null ? 'all counties' : order.countyCodes.join(', ')}; ${order.citation}${supersededBy === null ? '' : ` (superseded by v${supersededBy.rulesVersion})`}`);
  }
  for (const h of history.countyHours) {
    console.log(`hours v${h.rulesVersion} ${new Date(h.recordedAt).toISOString()}: ${h.countyCode} closes at ${h.closeOfBusiness ?? 'the rule pack\'s time'}; ${h.source}`);
  }
  return EXIT.ok;
}

export async function setCloseOfBusinessCommand(app: INestApplicationContext, o: { readonly election: string; readonly county: string; readonly time?: string; readonly pack?: boolean; readonly source: string; readonly as?: string }): Promise<number> {
  if ((o.time === undefined) === (o.pack !== true)) throw new DomainError('invalid_input', 'give either --time HH:MM or --pack (back to the rule pack\'s close of business)');
  const actor = await recorder(app, o.as);
  const { recorded, noticesQueued } = await app.get(DeadlineOrders).setCloseOfBusiness(actor, o.election, { countyCode: o.county.toUpperCase(), closeOfBusiness: o.time ?? null, source: o.source });
  console.log(`close of business for ${recorded.countyCode} (rules version ${recorded.rulesVersion}): ${recorded.closeOfBusiness ?? 'the rule pack\'s'}; ${noticesQueued} voter${noticesQueued === 1 ? '' : 's'} awaiting a cure will be sent the new deadline`);
  return EXIT.ok;
}
