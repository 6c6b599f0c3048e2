import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { RulePackRegistry, type RulePack } from '@app/rules';

@Controller('api/rule-packs')
export class RulePacksController {
  constructor(private readonly registry: RulePackRegistry) {}

  @Get()
  list(): { id: string; state: string; name: string; effectiveFrom: string; effectiveTo: string | null }[] {
    return this.registry.packs.map(({ id, state, name, effectiveFrom, effectiveTo }) => ({ id, state, name, effectiveFrom, effectiveTo }));
  }

  @Get(':id')
  get(@Param('id') id: string): RulePack {
    const pack = this.registry.get(id);
    if (pack === undefined) throw new NotFoundException(`no rule pack ${id}`);
    return pack;
  }
}
