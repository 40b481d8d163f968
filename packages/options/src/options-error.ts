/** One problem with an options object: where (a path like `optimizer.lr` or `layers[2]`) and what. */
export interface OptionIssue {
  readonly path: string;
  /** What was expected and what was found, e.g. `expected a number > 0, got -1`. */
  readonly message: string;
}

/**
 * The one error type for bad options anywhere in Arena's libraries: a model spec, an optimizer's or a
 * learner's config, a problem's options. The message is one line, `owner: path: what (got value)`, with
 * every problem found separated by "; "; `issues` lists them for programs. A RangeError, so code that
 * catches bad arguments generally still catches it.
 */
export class OptionsError extends RangeError {
  readonly owner: string;
  readonly issues: readonly OptionIssue[];

  constructor(owner: string, issues: readonly OptionIssue[]) {
    super(`${owner}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ")}`);
    this.name = "OptionsError";
    this.owner = owner;
    this.issues = issues;
  }
}
