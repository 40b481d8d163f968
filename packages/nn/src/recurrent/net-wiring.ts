import type { Kernels } from "@arena/tensor";
import { type DenseLayerDef, DenseStack } from "../dense.ts";
import { LayoutBuilder } from "../layout.ts";
import type { Loss, OutputActivation } from "../losses.ts";
import type { ResolvedRecurrentSpec } from "../spec.ts";
import { Gru } from "./gru.ts";
import { Lstm } from "./lstm.ts";
import type { RecurrentLayer } from "./recurrent-layer.ts";
import { Rnn } from "./rnn.ts";

/**
 * What BPTT, evaluation and FLOP counting read of a recurrent net, fixed at construction: its layers
 * and settings. A plain record, so those free functions read fields directly instead of reaching
 * into the class.
 */
export interface SequenceNet {
  readonly kernels: Kernels;
  /** The recurrent layers, bottom-up. */
  readonly cells: readonly RecurrentLayer[];
  /** The dense head and readout on top of the last recurrent layer. */
  readonly head: DenseStack;
  readonly inputSize: number;
  readonly outputSize: number;
  readonly readout: "last" | "every-step";
  /** Dropout rate between stacked layers (training passes only); the head keeps its own. */
  readonly dropout: number;
  readonly loss: Loss;
  readonly outputActivation: OutputActivation;
}

/**
 * Builds the layers a spec describes and lays out their parameters in the flat vector: each recurrent
 * layer bottom-up, then the head's hidden layers and the readout.
 */
export function wireRecurrentNet(
  s: ResolvedRecurrentSpec,
  kernels: Kernels,
): { layout: LayoutBuilder; net: SequenceNet } {
  const layout = new LayoutBuilder();
  const cells: RecurrentLayer[] = [];
  let inSize = s.input;
  s.hidden.forEach((H, l) => {
    const name = `${s.kind}${l}`;
    cells.push(
      s.kind === "rnn"
        ? new Rnn(kernels, name, inSize, H, layout)
        : s.kind === "lstm"
          ? new Lstm(kernels, name, inSize, H, layout, s.forgetBias ?? 1)
          : new Gru(kernels, name, inSize, H, layout),
    );
    inSize = H;
  });
  const widths = [inSize, ...s.head, s.output];
  const defs: DenseLayerDef[] = [];
  for (let l = 0; l + 1 < widths.length; l++) {
    const last = l + 2 === widths.length;
    const name = last ? "readout" : `head${l}`;
    layout.layer(name, "dense");
    const wOff = layout.tensor("W", [widths[l], widths[l + 1]], true);
    const bOff = layout.tensor("b", [widths[l + 1]], false);
    defs.push({
      name,
      inSize: widths[l],
      outSize: widths[l + 1],
      activation: last ? s.outputActivation : s.headActivation,
      wOff,
      bOff,
    });
  }
  const net: SequenceNet = {
    kernels,
    cells,
    head: new DenseStack(kernels, defs, s.dropout, true),
    inputSize: s.input,
    outputSize: s.output,
    readout: s.readout,
    dropout: s.dropout,
    loss: s.loss,
    outputActivation: s.outputActivation,
  };
  return { layout, net };
}
