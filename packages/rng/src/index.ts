export { Rng, type RngState, type UniformSource } from "./rng.ts";
export { type RngLike, toRng } from "./to-rng.ts";
