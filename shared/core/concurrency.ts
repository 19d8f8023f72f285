/** Runs `fn` over `inputs` with at most `concurrency` calls in flight; results keep input order. */
export async function mapConcurrent<T, R>(inputs: readonly T[], concurrency: number, fn: (input: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(inputs.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, inputs.length) }, async () => {
    while (next < inputs.length) {
      const i = next++;
      results[i] = await fn(inputs[i]!);
    }
  });
  await Promise.all(workers);
  return results;
}
