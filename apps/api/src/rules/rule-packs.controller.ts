import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.guard';
import { RulePackRegistry, type RulePack } from '@app/rules';
import { notFound } from '@app/domain';

/** Rule packs are public law: readable without signing in. */
@ApiTags('rule packs')
@Public()
@Controller('api/rule-packs')
export class RulePacksController {
  constructor(private readonly registry: RulePackRegistry) {}

  @Get()
  list(): { id: string; state: string; name: string; effectiveFrom: string; effectiveTo: string | null }[] {
    return this.registry.packs.map(({ id, state, name, effectiveFrom, effectiveTo }) => ({ id, state, name, effectiveFrom, effectiveTo }));
  }

  @Get(':id')
  @ApiOkResponse({ description: 'the whole pack, as loaded and validated, with its sources' })
  get(@Param('id') id: string): RulePack {
    const pack = this.registry.get(id);
    if (pack === undefined) throw notFound('rule pack');
    return pack;
  }
}
