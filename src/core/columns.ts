/** The columns kept a post (walk entries, where records are, sort keys): typed arrays grown by copying. */
type Column = Int32Array | Float64Array | Uint8Array;

/** A new array of `array`'s kind, `size` long (not less than its length), with its values at the start. */
export function grown<T extends Column>(array: T, size: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(size);
  bigger.set(array);
  return bigger;
}
