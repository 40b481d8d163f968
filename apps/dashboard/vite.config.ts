import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { defineConfig, type Plugin } from "vite";

const require = createRequire(import.meta.url);

/**
 * Serves and ships plotly.js's prebuilt cartesian bundle as it is (already minified, 1.4 MB: scatter,
 * bar, box and heatmap are all the dashboard draws; the full bundle is 4.8 MB and loads 3× slower) at
 * assets/plotly.min.js, loaded by a classic script tag: re-bundling it would only slow the build down.
 */
function plotlyAsset(): Plugin {
  const file = require.resolve("plotly.js-cartesian-dist-min");
  return {
    name: "arena-plotly-asset",
    configureServer(server) {
      server.middlewares.use("/assets/plotly.min.js", (_req, res) => {
        res.setHeader("Content-Type", "text/javascript");
        res.end(readFileSync(file));
      });
    },
    generateBundle() {
      this.emitFile({ type: "asset", fileName: "assets/plotly.min.js", source: readFileSync(file) });
    },
  };
}

/**
 * Browsers refuse module scripts from file:// (opaque origin), so the app is built as one classic
 * IIFE script loaded with `defer`: the folder then opens straight from disk.
 */
function classicScript(): Plugin {
  return {
    name: "arena-classic-script",
    apply: "build",
    enforce: "post",
    transformIndexHtml: {
      order: "post",
      handler(html) {
        // Also drop `crossorigin`: a CORS-mode request for a file:// stylesheet fails.
        return html
          .replace(
            /<script type="module" crossorigin src="([^"]+)"><\/script>/g,
            '<script defer src="$1"></script>',
          )
          .replace(/ crossorigin(?=[\s>])/g, "");
      },
    },
  };
}

export default defineConfig({
  base: "./",
  plugins: [plotlyAsset(), classicScript()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    modulePreload: false,
    // One stylesheet linked from index.html rather than CSS injected by the script.
    cssCodeSplit: false,
    chunkSizeWarningLimit: 1000,
    rollupOptions: {
      onwarn(warning, warn) {
        // zod's sources carry /*@__PURE__*/ comments in places Rollup ignores; harmless.
        if (warning.code === "INVALID_ANNOTATION") return;
        warn(warning);
      },
      output: {
        format: "iife",
        inlineDynamicImports: true,
        entryFileNames: "assets/dashboard.js",
        assetFileNames: "assets/[name][extname]",
      },
    },
  },
});
