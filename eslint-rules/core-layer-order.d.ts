// Types of core-layer-order.js for the lint tests (the rule is plain JS so eslint.config.js loads it without a compiler).
import type { Rule } from "eslint";

export const CORE_LAYERS: readonly string[];
export const coreLayerOrder: Rule.RuleModule;
