/**
 * One chooser per field: the first candidate that is valid once normalized,
 * and where it came from. A candidate that normalizes to nothing (a blank
 * title, a byline with no name, a section equal to the headline) falls
 * through to the next; it never hides a good one.
 */
import type { FieldSource } from '../core/article.js';
import type { Found } from '../extract/index.js';

export interface Chosen<T> {
  value: T;
  from: FieldSource;
}

export function choose<T, U>(candidates: readonly Found<T>[], accept: (value: T) => U | null): Chosen<U> | null {
  for (const candidate of candidates) {
    const value = accept(candidate.value);
    if (value !== null) return { value, from: candidate.from };
  }
  return null;
}
