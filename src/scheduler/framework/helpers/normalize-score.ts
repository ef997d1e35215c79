/** helper.DefaultNormalizeScore: scales scores to [0, maxPriority] by the maximum, optionally reversed. */
import type { NodeScoreList } from '../interface.js';

export function defaultNormalizeScore(list: NodeScoreList, opts: { maxPriority: number; reverse: boolean }): void {
  const { maxPriority, reverse } = opts;
  const scores = list.scores;
  let max = 0;
  for (const s of scores) if (s > max) max = s;
  if (max === 0) {
    if (reverse) scores.fill(maxPriority);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    let s = Math.trunc((maxPriority * scores[i]!) / max);
    if (reverse) s = maxPriority - s;
    scores[i] = s;
  }
}
