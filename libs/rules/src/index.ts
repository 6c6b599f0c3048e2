export * from './codes';
export * from './deadlines';
export { formatLocal } from './local-time';
export * from './eligibility';
export {
  parseRulePack,
  loadRulePackFile,
  RulePackError,
  type RulePack,
  type DeadlineRule,
  type DeadlineTiming,
  type ElectionDayRule,
  type ElectionCondition,
} from './pack.loader';
export { RulePackRegistry, loadBundledPacks } from './packs';
export { electionPackProblems, type ElectionPackInput, type ElectionPackProblem } from './election-check';
