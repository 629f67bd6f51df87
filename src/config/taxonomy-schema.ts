import { z } from 'zod';
import { SLUG } from '../core/article.js';

const slug = z.string().regex(SLUG, 'must be an ASCII slug (a-z, 0-9, hyphens)');

/**
 * `config/taxonomy.yaml`: the categories every source's sections are mapped
 * onto, so "Kinh tế" means one feed whatever each site calls its section.
 * `keywords` place an article whose section no source mapping covers: words
 * of its title or lead, matched whole and without diacritics.
 */
export const taxonomyFileSchema = z
  .object({
    categories: z
      .array(
        z
          .object({
            slug,
            name: z.string().min(1),
            keywords: z.array(z.string().trim().min(1)).default([]),
          })
          .strict(),
      )
      .min(1, 'needs at least one category')
      .superRefine((cats, ctx) => {
        const seen = new Set<string>();
        cats.forEach((c, i) => {
          if (seen.has(c.slug)) ctx.addIssue({ code: 'custom', path: [i, 'slug'], message: `"${c.slug}" is already used by another category` });
          seen.add(c.slug);
        });
      }),
  })
  .strict();

export type TaxonomyFile = z.infer<typeof taxonomyFileSchema>;
export type Taxonomy = TaxonomyFile & { file: string };
export type TaxonomyCategory = TaxonomyFile['categories'][number];
