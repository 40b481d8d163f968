export { describeOptions, type OptionDoc } from "./describe-options.ts";
export { type OptionIssue, OptionsError } from "./options-error.ts";
export { formatPath, parseOptions, toOptionIssues } from "./parse-options.ts";
export { preview } from "./preview.ts";
export { RngOption } from "./rng-option.ts";
