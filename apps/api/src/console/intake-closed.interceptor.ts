import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Elections } from '@app/ballots';
import { DomainError } from '@app/domain';
import { Stores } from '@app/persistence';
import type { Observable } from 'rxjs';
import type { AuthedRequest } from '../auth/auth.guard';

/** A console request whose user's county has certified in the election shown: set by `IntakeClosedInterceptor`. */
export interface IntakeAwareRequest extends AuthedRequest {
  /** The certified county's name, when intake is closed for the signed-in user. */
  intakeClosed?: string;
}

/**
 * After a county certifies, its staff see no way to take a ballot in (issue 14, item 4: "intake
 * hidden for the certified county"): on console pages the navigation leaves it out, and the
 * intake page says why instead of offering a form the service would refuse (BallotIntake refuses
 * it anyway). One read of the county's row per console request of a county's staff.
 */
@Injectable()
export class IntakeClosedInterceptor implements NestInterceptor {
  constructor(
    private readonly elections: Elections,
    private readonly stores: Stores,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<IntakeAwareRequest>();
    const actor = request.actor;
    const county = actor?.countyCode ?? null;
    if (actor === undefined || county === null || !request.path.startsWith('/console')) return next.handle();
    const wanted = typeof request.query['election'] === 'string' ? request.query['election'] : undefined;
    const elections = await this.elections.list(actor);
    const election = elections.find((e) => e.id === wanted) ?? elections[0];
    if (election === undefined) return next.handle();
    const row = await this.stores.read(actor, (s) => s.election(election.id).counties.get(county));
    if (row !== null && row.certifiedAt !== null) {
      request.intakeClosed = row.name;
      if (request.path === '/console/intake') throw new DomainError('county_certified', `${row.name} has certified, so no ballot can be taken in for it. An administrator can reopen the county on a court order.`);
    }
    return next.handle();
  }
}
