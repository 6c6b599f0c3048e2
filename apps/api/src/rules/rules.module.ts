import { Module } from '@nestjs/common';
import { loadBundledPacks, RulePackRegistry } from '@app/rules';
import { RulePacksController } from './rule-packs.controller';

/** Validates the bundled rule packs once at start-up: a bad pack stops the service, naming its file and field. */
@Module({
  providers: [{ provide: RulePackRegistry, useFactory: loadBundledPacks }],
  controllers: [RulePacksController],
  exports: [RulePackRegistry],
})
export class RulesModule {}
