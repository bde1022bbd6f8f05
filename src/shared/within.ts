// A promise's value when it comes within a time, else undefined (it is not cancelled).
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: number | undefined;
  const late = new Promise<undefined>((r) => (timer = setTimeout(r, ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
