import { assertEveryJobHasHandler } from './job-handlers';
import { JobName } from './queue-names';

describe('assertEveryJobHasHandler', () => {
  it('accepts the processors the worker runs', () => {
    expect(() => assertEveryJobHasHandler()).not.toThrow();
  });

  it('refuses to boot when a job has no processor', () => {
    expect(() => assertEveryJobHasHandler([])).toThrow(`No processor handles job(s): ${JobName.Echo}`);
  });
});
