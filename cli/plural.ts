/** Counts in the CLI's messages: "1 story", "2 stories", "0 stories". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
