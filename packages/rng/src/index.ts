export { Rng, type RngState, type UniformSource } from "./rng.ts";
