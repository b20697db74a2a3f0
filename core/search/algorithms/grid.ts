/**
 * Grid search: every configuration of the space in lexicographic order (the first dimension
 * varies slowest; float ranges at their `grid` levels), until `maxTrials` or the end of the
 * grid. For small spaces; the seed plays no part.
 */
import type { SearchConfig } from "../../api/search-types";
import { enumerateConfigs } from "../space/config";
import type { ResolvedSpace } from "../space/types";
import { Ledger } from "./ledger";
import type { AlgorithmOptions, Outcome, SearchAlgorithm, Suggestion } from "./types";

export class GridSearch implements SearchAlgorithm {
  readonly name = "grid" as const;
  private readonly ledger: Ledger;
  private readonly configs: Iterator<SearchConfig>;
  private exhausted = false;

  constructor(
    space: ResolvedSpace,
    private readonly options: AlgorithmOptions,
  ) {
    this.ledger = new Ledger(space, options.maxTrials);
    this.configs = enumerateConfigs(space);
  }

  get done(): boolean {
    return this.ledger.full || this.exhausted;
  }

  suggest(n: number): Suggestion[] {
    const out: Suggestion[] = [];
    while (out.length < n && !this.done) {
      const next = this.configs.next();
      if (next.done === true) {
        this.exhausted = true;
        break;
      }
      if (!this.ledger.seen(this.ledger.key(next.value))) out.push(this.ledger.add(next.value, this.options.maxFidelity));
    }
    return out;
  }

  observe(suggestion: Suggestion, outcome: Outcome): void {
    this.ledger.resolve(suggestion, outcome);
  }
}
