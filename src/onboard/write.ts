/**
 * The YAML text of a new source file: the object from source-file.ts, with
 * comments that say where it came from and how each profile field was
 * learned, so the next person to open the file knows what to trust.
 */
import { Document, isMap, isScalar, type Pair } from 'yaml';

export interface YamlNotes {
  /** Lines above everything. */
  header: string[];
  /** Lines above `profile:`. */
  profile: string[];
}

const comment = (lines: string[]): string => lines.map((l) => ` ${l}`).join('\n');

export function sourceYaml(source: Record<string, unknown>, notes: YamlNotes): string {
  const doc = new Document(source);
  doc.commentBefore = comment(notes.header);
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items as Pair[]) {
      if (!isScalar(pair.key)) continue;
      // A blank line before each section, as the shipped files have.
      if (['schedule', 'discovery', 'politeness', 'topicAliases', 'profile'].includes(String(pair.key.value))) pair.key.spaceBefore = true;
      if (pair.key.value === 'profile' && notes.profile.length > 0) pair.key.commentBefore = comment(notes.profile);
    }
  }
  return doc.toString({ lineWidth: 0 });
}
