/** The number of entries of a tensor of this shape: the product of its dimensions, 1 for a scalar ([]). */
export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}
