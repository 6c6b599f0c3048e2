import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.guard';

/** A liveness check for load balancers, and the portal benchmark's bare endpoint: no database, no work. */
@ApiTags('health')
@Public()
@Controller('api/health')
export class HealthController {
  @Get()
  @ApiOkResponse({ description: 'the process is up' })
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
