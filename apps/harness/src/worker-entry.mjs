// Tinypool's worker threads load this plain-JS entry, which registers tsx (Arena's packages export
// TypeScript sources) before importing the real worker.
import { register } from "tsx/esm/api";

register();
const { default: runInWorker } = await import("./worker.ts");
export default runInWorker;
