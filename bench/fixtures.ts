/** The shared fixture pages as diffable articles: the same parsing the diff tests use. */
export { FIXTURES_DIR, fixtureArticle, fixtureNames } from '../tests/unit/helpers/fixture-blocks';
