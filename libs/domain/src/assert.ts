/**
 * Compile-time exhaustiveness: call in the `default` branch of a switch over a union.
 * Adding a member to the union makes every such switch fail to compile until it handles it.
 */
export function throwIllegalValue(value: never, label?: string): never {
  const shown = label !== undefined ? `${label}: ` : '';
  throw new Error(`Illegal value ${shown}${JSON.stringify(value)}`);
}

/** A bug, not an expected failure: the condition must hold or the program is wrong. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) {
    throw new Error(`Assertion failed: ${message}`);
  }
}

export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}
