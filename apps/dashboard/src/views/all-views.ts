import { convergenceView } from "./convergence.ts";
import { costView } from "./cost.ts";
import { ecdfView } from "./ecdf.ts";
import { finalMetricView } from "./final-metric.ts";
import { gradientsView } from "./gradients.ts";
import { overfittingView } from "./overfitting.ts";
import { tuningView } from "./tuning.ts";
import type { ViewSpec } from "./view.ts";

/** The dashboard's sections, in page order. */
export const VIEWS: ViewSpec[] = [
  convergenceView,
  overfittingView,
  costView,
  ecdfView,
  finalMetricView,
  gradientsView,
  tuningView,
];
