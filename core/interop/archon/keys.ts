/**
 * Which keys each Archon component reads, what the import does with each, and how a key Archon
 * would silently ignore (a misspelling, an unknown key) is recognised.
 */

/** The component types Archon defines (layer.py), in its order. */
export const COMPONENT_TYPES = ["generator", "fuser", "critic", "ranker", "verifier", "unit_test_generator", "unit_test_evaluator"] as const;

export type ComponentType = (typeof COMPONENT_TYPES)[number];

export function isComponentType(type: string): type is ComponentType {
  return (COMPONENT_TYPES as readonly string[]).includes(type);
}

/** Components Archon runs only alone in their layer (layer.py asserts `len(self.models) == 1`). */
export const SOLO_TYPES: ReadonlySet<ComponentType> = new Set(["critic", "ranker", "verifier", "unit_test_generator", "unit_test_evaluator"]);

/** Keys every component reads; `max_context_length` is the name Archon 0.0.4 and its README use for `max_tokens`. */
export const COMMON_KEYS = ["type", "model", "model_type", "temperature", "max_tokens", "max_context_length"] as const;

/** Keys the import turns into a param, per type. */
export const MAPPED_KEYS: Readonly<Record<ComponentType, readonly string[]>> = {
  generator: ["samples"],
  fuser: ["samples", "use_critiques"],
  critic: [],
  ranker: ["top_k"],
  verifier: [],
  unit_test_generator: ["unit_test_cap"],
  unit_test_evaluator: ["top_k"],
};

/** A key Archon reads that has no Itasca param. */
export interface IgnoredKey {
  key: string;
  /** The value at which the key changes nothing, accepted without a warning. */
  neutral?: unknown;
  /** Why there is no equivalent, for the `unsupported-key` message. */
  why: string;
  /**
   * Archon itself reads and then ignores the key, so ignoring it changes nothing: accepted
   * without a warning (the README's own examples set `top_k` on generators and fusers).
   */
  inert?: true;
}

const ONE_SAMPLE = "Itasca makes one call per candidate for it";

/** Keys with no Itasca equivalent, per type: warned as `unsupported-key` unless inert or at their neutral value. */
export const IGNORED_KEYS: Readonly<Record<ComponentType, readonly IgnoredKey[]>> = {
  generator: [{ key: "top_k", inert: true, why: "Archon's generator ignores top_k and returns every sample" }],
  fuser: [
    { key: "top_k", inert: true, why: "Archon's fuser ignores top_k and fuses every candidate" },
    { key: "length_control", neutral: false, why: "Itasca's fuse has no length control; put the length instruction in its prompt_template" },
  ],
  critic: [{ key: "samples", neutral: 1, why: ONE_SAMPLE }],
  ranker: [
    { key: "samples", neutral: 1, why: "Archon forces a ranker to one sample" },
    { key: "use_critiques", neutral: false, why: "Itasca's rank judges the candidates' text only; critiques reach a fuse node" },
    { key: "ranker_batch_size", why: "it is the batch size of the PairRM reward model, which Itasca does not run" },
  ],
  verifier: [
    { key: "samples", neutral: 1, why: ONE_SAMPLE },
    { key: "first_k", why: "Itasca's verify checks every candidate and keeps all that pass" },
    { key: "first_pass", why: "Itasca's verify checks every candidate and keeps all that pass" },
  ],
  unit_test_generator: [{ key: "samples", neutral: 1, why: "Archon reads only the first reply" }],
  unit_test_evaluator: [
    { key: "samples", neutral: 1, why: ONE_SAMPLE },
    { key: "unit_test_cap", inert: true, why: "Archon's evaluator reads it but never uses it (the generator's cap applies)" },
    { key: "remove_unit_tests_from_prompt", neutral: true, why: "Itasca never appends the tests to the query, so they are always out of the prompt" },
  ],
};

/** Every key a component of this type may hold. */
export function knownKeys(type: ComponentType): string[] {
  return [...COMMON_KEYS, ...MAPPED_KEYS[type], ...IGNORED_KEYS[type].map((k) => k.key)];
}

/** The top-level keys of a config. */
export const CONFIG_KEYS = ["name", "layers", "custom"] as const;

/** Misspellings seen in published Archon configs, beyond what the edit distance finds. */
const KNOWN_MISSPELLINGS: Readonly<Record<string, string>> = { length_contorl: "length_control" };

/** Keys shorter than this are not matched by distance: `top` is not a misspelling of `type`. */
const MIN_FUZZY_LENGTH = 5;

/** The known key `key` is a misspelling of, if it looks like one. */
export function misspellingOf(key: string, known: readonly string[]): string | undefined {
  const listed = KNOWN_MISSPELLINGS[key];
  if (listed !== undefined) return listed;
  if (key.length < MIN_FUZZY_LENGTH) return undefined;
  const lower = key.toLowerCase();
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(lower, candidate);
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { key: candidate, distance };
  }
  return best?.key;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, d[i - 2]![j - 2]! + 1);
      d[i]![j] = value;
    }
  }
  return d[a.length]![b.length]!;
}
