export { DEMO_FIXTURE as DEMO_FIXTURE_PATH } from '../../src/fixture/demo.js';
