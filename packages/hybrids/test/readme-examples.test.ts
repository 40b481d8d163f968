import { testReadmeExamples } from "../../../scripts/readme-examples.ts";

testReadmeExamples({
  packageDir: new URL("..", import.meta.url),
  packageName: "@arena/hybrids",
  minBlocks: 1,
});
