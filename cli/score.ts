/**
 * Dedup quality: pairwise precision and recall of a clustering of feed items against a ground truth.
 * Items are matched by link (utm_* parameters, fragment and trailing slash ignored), else by GUID —
 * the same convention as the corpus scorer in ../shared/tools/score_clusters.py.
 */

export interface TruthItem {
  readonly outlet: string;
  readonly link: string;
  readonly guid?: string;
  readonly story: string;
  readonly transform?: readonly string[];
}

export interface Truth {
  readonly items: readonly TruthItem[];
  readonly hardNegatives?: readonly (readonly [string, string])[];
}

export interface PredictedStory {
  readonly copies: readonly { readonly url?: string; readonly guid?: string }[];
}

export interface Score {
  readonly truthItems: number;
  readonly truthPairs: number;
  readonly predictedStories: number;
  readonly predictedPairs: number;
  readonly correctPairs: number;
  readonly precision: number | null;
  readonly recall: number | null;
  readonly f1: number;
  readonly missingItems: number;
  readonly unknownCopies: number;
  readonly itemsInSeveralStories: number;
  readonly hardNegatives: number;
  readonly hardNegativeFalseMerges: number;
  readonly recallByTransform: Record<string, { pairs: number; found: number; recall: number | null }>;
}

export function normaliseLink(url: string): string {
  try {
    const u = new URL(url.trim());
    const params = [...u.searchParams].filter(([k]) => !k.toLowerCase().startsWith('utm_'));
    const query = new URLSearchParams(params).toString();
    const path = u.pathname.replace(/\/+$/, '');
    return `${u.protocol}//${u.host.toLowerCase()}${path}${query ? `?${query}` : ''}`;
  } catch {
    return url.trim();
  }
}

function pairs(groups: Iterable<readonly number[]>): Set<string> {
  const out = new Set<string>();
  for (const group of groups) {
    const members = [...new Set(group)].sort((a, b) => a - b);
    for (let i = 0; i < members.length; i++) for (let j = i + 1; j < members.length; j++) out.add(`${members[i]},${members[j]}`);
  }
  return out;
}

export function scoreClusters(truth: Truth, predicted: readonly PredictedStory[]): Score {
  const byLink = new Map(truth.items.map((it, i) => [normaliseLink(it.link), i]));
  const byGuid = new Map(truth.items.flatMap((it, i) => (it.guid ? [[it.guid, i] as const] : [])));
  const storiesOf = new Map<number, Set<number>>();
  let unknownCopies = 0;
  const clusters = predicted.map((story, s) => {
    const members: number[] = [];
    for (const copy of story.copies) {
      const index = (copy.url ? byLink.get(normaliseLink(copy.url)) : undefined) ?? (copy.guid ? byGuid.get(copy.guid) : undefined);
      if (index === undefined) {
        unknownCopies++;
        continue;
      }
      members.push(index);
      storiesOf.set(index, (storiesOf.get(index) ?? new Set()).add(s));
    }
    return members;
  });
  const truthGroups = new Map<string, number[]>();
  truth.items.forEach((it, i) => truthGroups.set(it.story, [...(truthGroups.get(it.story) ?? []), i]));
  const truthPairs = pairs(truthGroups.values());
  const predictedPairs = pairs(clusters);
  const correct = [...predictedPairs].filter((p) => truthPairs.has(p));
  const precision = predictedPairs.size ? correct.length / predictedPairs.size : null;
  const recall = truthPairs.size ? correct.length / truthPairs.size : null;
  const f1 = precision && recall ? (2 * precision * recall) / (precision + recall) : 0;

  const byTransform: Record<string, { pairs: number; found: number; recall: number | null }> = {};
  for (const pair of truthPairs) {
    const [a, b] = pair.split(',').map(Number) as [number, number];
    const transforms = new Set([...(truth.items[a]!.transform ?? []), ...(truth.items[b]!.transform ?? [])]);
    for (const t of transforms) {
      const entry = (byTransform[t] ??= { pairs: 0, found: 0, recall: null });
      entry.pairs++;
      if (predictedPairs.has(pair)) entry.found++;
    }
  }
  for (const entry of Object.values(byTransform)) entry.recall = entry.pairs ? entry.found / entry.pairs : null;

  const merged = new Set<string>();
  for (const cluster of clusters) {
    const stories = [...new Set(cluster.map((i) => truth.items[i]!.story))].sort();
    for (let i = 0; i < stories.length; i++) for (let j = i + 1; j < stories.length; j++) merged.add(`${stories[i]}\u0000${stories[j]}`);
  }
  const hardNegatives = truth.hardNegatives ?? [];
  return {
    truthItems: truth.items.length,
    truthPairs: truthPairs.size,
    predictedStories: clusters.length,
    predictedPairs: predictedPairs.size,
    correctPairs: correct.length,
    precision,
    recall,
    f1,
    missingItems: truth.items.filter((_, i) => !storiesOf.has(i)).length,
    unknownCopies,
    itemsInSeveralStories: [...storiesOf.values()].filter((s) => s.size > 1).length,
    hardNegatives: hardNegatives.length,
    hardNegativeFalseMerges: hardNegatives.filter(([a, b]) => merged.has([a, b].sort().join('\u0000'))).length,
    recallByTransform: byTransform,
  };
}
