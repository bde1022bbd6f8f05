// An IndexedDB key range from optional bounds, both included (either end open; neither: every key).
export function keyRange(lower?: IDBValidKey, upper?: IDBValidKey): IDBKeyRange | null {
  if (lower === undefined) return upper === undefined ? null : IDBKeyRange.upperBound(upper);
  return upper === undefined ? IDBKeyRange.lowerBound(lower) : IDBKeyRange.bound(lower, upper);
}
