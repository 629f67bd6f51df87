/**
 * The onboard stage: a new site in one command (`bantin sources add URL`).
 *
 *   const onboarding = await onboardSite({ url, id, name, samples }, { fetcher, now, step });
 *   reportLines(onboarding)         // what was found and learned, per field: selector, hit rate, generic source
 *   const staged = await stageSource(onboarding, { minIntervalMs, command, date });
 *   staged.yaml                     // the source file, loaded and its cases run once already
 *   await staged.install(configDir, { force });   // config/sources/ID.yaml and ID/sample-N.html
 *   await staged.remove();
 *
 * Probe (feeds, sitemaps, sections) → sample (generic extraction, `source:
 * null`) → learn (a selector per field that reproduces the generic value on
 * 80% of the pages, strip rules, date layouts, the article URL shape) →
 * write (YAML with cases). Failures are OnboardError; fetch failures of
 * single pages are reported, not thrown.
 */
export { onboardSite, baseUrlOf, siteOf, type OnboardRequest, type OnboardDeps, type Onboarding } from './onboard.js';
export { stageSource, sourceFilePath, exists, type Staged } from './save.js';
export { reportLines, genericOnly } from './report.js';
export { OnboardError, type OnboardFailure } from './errors.js';
export { chooseSelector, HIT_THRESHOLD, type Choice, type SelectorScore, type Targets } from './learn.js';
export { repeatedBlocks } from './strip.js';
export { learnProfile, type LearnedProfile, type FieldReport } from './profile.js';
export { sampleFromPage, type Sample } from './sample.js';
export { probeSite, type Probe } from './probe.js';
export { trialSource } from './draft-profile.js';
