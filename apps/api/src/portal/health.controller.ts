import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator, type HealthCheckResult } from '@nestjs/terminus';
import { DomainError } from '@app/domain';
import { Public } from '../auth/auth.guard';
import { ApiErrors } from '../common/api-errors';

class LivenessView {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
}

class ReadinessView {
  @ApiProperty({ enum: ['ok'] }) status!: string;
  @ApiProperty({ description: 'each check that passed, by name', example: { database: { status: 'up' } }, type: 'object', additionalProperties: true }) info!: object;
  @ApiProperty({ example: {}, type: 'object', additionalProperties: true }) error!: object;
  @ApiProperty({ example: { database: { status: 'up' } }, type: 'object', additionalProperties: true }) details!: object;
}

/**
 * Liveness (the process answers; no database, no work: also the portal benchmark's bare endpoint)
 * and readiness (the database answers a query within a second), for load balancers and
 * orchestrators: route traffic to an instance only while it is ready, restart it when it is not live.
 */
@ApiTags('health')
@Public()
@Controller('api/health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    // Finds the service's DataSource by @nestjs/typeorm's default token, which is the DataSource class DatabaseModule provides.
    private readonly database: TypeOrmHealthIndicator,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness: the process is up (checks nothing else)' })
  @ApiOkResponse({ type: LivenessView })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the database answers (@nestjs/terminus, a query with a 1 s time-out)' })
  @ApiOkResponse({ type: ReadinessView })
  @ApiErrors([503, 'not ready: the database does not answer; `details` holds the checks'])
  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([() => this.database.pingCheck('database').withTimeout(1000)]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse();
      throw new DomainError('storage_unavailable', 'not ready: the database does not answer', typeof result === 'object' ? { ...result } : {});
    }
  }
}
