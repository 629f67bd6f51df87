export { loadConfig, loadSourceFile, loadFeedFile, ConfigProblems, type AppConfig, type ConfigDirs } from './load.js';
export { readSettings, type Settings } from './settings.js';
export { sourceFileSchema, type SourceConfig, type SourceFile } from './source-schema.js';
export type { FeedConfig } from './feed-schema.js';
export type { SiteProfile, ProfileCase } from './profile-schema.js';
