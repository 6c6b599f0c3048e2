export * from './codes';
export * from './deadlines';
export * from './eligibility';
export { parseRulePack, loadRulePackFile, RulePackError, type RulePack, type DeadlineRule } from './pack.loader';
export { RulePackRegistry, loadBundledPacks } from './packs';
