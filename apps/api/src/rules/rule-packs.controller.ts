import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.guard';
import { RulePackRegistry, type RulePack } from '@app/rules';
import { notFound } from '@app/domain';
import { ApiErrors } from '../common/api-errors';
import { RulePackSummaryView, RulePackView } from './rule-pack.views';

/** Rule packs are public law: readable without signing in. */
@ApiTags('rule packs')
@Public()
@Controller('api/rule-packs')
export class RulePacksController {
  constructor(private readonly registry: RulePackRegistry) {}

  @Get()
  @ApiOperation({ summary: 'The rule packs this service knows (public law: no sign-in)', description: 'The whole list, so its length is the total.' })
  @ApiOkResponse({ type: [RulePackSummaryView] })
  list(): { id: string; state: string; name: string; effectiveFrom: string; effectiveTo: string | null }[] {
    return this.registry.packs.map(({ id, state, name, effectiveFrom, effectiveTo }) => ({ id, state, name, effectiveFrom, effectiveTo }));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One rule pack, whole: deadlines, ID rules, reasons, each with the statute or rule it comes from' })
  @ApiOkResponse({ type: RulePackView, description: 'the whole pack, as loaded and validated, with its sources' })
  @ApiErrors(404)
  get(@Param('id') id: string): RulePack {
    const pack = this.registry.get(id);
    if (pack === undefined) throw notFound('rule pack');
    return pack;
  }
}
