/** The metadata room: harvest (a file per source), merge, and the date, author and value clean-up they share. */
export { harvestMetadata, type FoundAuthor, type FoundValue, type HarvestedMetadata } from './harvest.js';
export { canonicalUrlOf, mergeMetadata, type ReadabilityMetadata } from './merge.js';
export { normalizeDate } from './dates.js';
