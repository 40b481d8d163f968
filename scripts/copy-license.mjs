// npm packs a package's own LICENSE file only: each package copies the repository's one before packing.
import { copyFileSync } from "node:fs";

copyFileSync(new URL("../LICENSE", import.meta.url), "LICENSE");
