#!/usr/bin/env node
// The `arena` command. Arena's packages export TypeScript sources; tsx compiles them on load.
import { register } from "tsx/esm/api";

register();
await import("../src/cli.ts");
