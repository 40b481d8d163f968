// BullMQ's worker threads load this plain-JS entry, which registers tsx (Arena's packages export
// TypeScript sources) before importing the real processor.
import { register } from "tsx/esm/api";

register();
const { default: processRun } = await import("./queue-processor.ts");
export default processRun;
