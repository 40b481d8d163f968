export { checkSearchSpace } from "./check-search-space.ts";
export { describeOptions, type OptionDoc } from "./describe-options.ts";
export { HALTON_MAX_DIMS, haltonPoints } from "./halton.ts";
export { type OptionIssue, OptionsError } from "./options-error.ts";
export { formatPath, parseOptions, toOptionIssues } from "./parse-options.ts";
export { preview } from "./preview.ts";
export { RngOption } from "./rng-option.ts";
export { type SearchSampler, sampleSearchSpace, valueAt } from "./sample-search-space.ts";
export {
  SEARCH_META_KEY,
  type SearchRange,
  type SearchRangeInput,
  SearchRangeSchema,
  type SearchSpace,
  type SearchValue,
  searchable,
} from "./search-range.ts";
export { searchSpaceOf } from "./search-space-of.ts";
export { withParameters } from "./with-parameters.ts";
