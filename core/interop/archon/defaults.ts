/**
 * The values an import fills in where an Archon config leaves a required key out, and the layout
 * of imported graphs. Archon itself crashes (a KeyError) on each missing key below, so any value
 * is a guess; these follow Archon's own documented examples, and every use is reported.
 */

/**
 * `max_tokens` when a component has none (`missing-max-tokens`). Every example in Archon's README
 * and quickstart gives its generators and fusers 2048.
 */
export const DEFAULT_MAX_TOKENS = 2048;

/** `temperature` when a component has none (`missing-key`): the README's examples all use 0.7. */
export const DEFAULT_TEMPERATURE = 0.7;

/** A ranker's `top_k` when absent (`missing-key`): the README's advanced example keeps 5. */
export const DEFAULT_RANKER_TOP_K = 5;

/**
 * A unit-test generator's `unit_test_cap` when absent. Archon then keeps every test the model
 * writes; Itasca asks for a fixed count, and 5 is CodeT's per-sample count (and Itasca's default).
 */
export const DEFAULT_UNIT_TEST_COUNT = 5;

/** Horizontal distance between layer columns on the canvas, in canvas units. */
export const COLUMN_WIDTH = 280;

/** Vertical distance between the components of one layer, in canvas units. */
export const ROW_HEIGHT = 140;

/** The description written into every imported architecture (no file name: a round trip must not change it). */
export const IMPORTED_DESCRIPTION = "Imported from an Archon config.";

/**
 * The seed step for a repeated component (`duplicate-component`): the k-th repeat gets seed
 * k x this, so its samples (seed + i, i < 256) never meet another repeat's.
 */
export const DUPLICATE_SEED_STEP = 1000;
