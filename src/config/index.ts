export { loadConfig, loadSourceFile, loadFeedFile, loadTaxonomy, taxonomyPath, ConfigProblems, type AppConfig, type ConfigDirs } from './load.js';
export { leaseTimes, readSettings, type Settings } from './settings.js';
export { sourceFileSchema, RETENTION_MODES, type RetentionConfig, type RetentionMode, type SourceConfig, type SourceFile } from './source-schema.js';
export { retentionCutoffMs, retentionDue, retentionPolicy, type RetentionPolicy } from './retention.js';
export type { FeedConfig, FeedRule } from './feed-schema.js';
export type { SiteProfile, ProfileCase } from './profile-schema.js';
export { resolveCategories, NO_CATEGORY_RULES, type CategoryRules } from './categories.js';
export { taxonomyFileSchema, type Taxonomy, type TaxonomyCategory } from './taxonomy-schema.js';
