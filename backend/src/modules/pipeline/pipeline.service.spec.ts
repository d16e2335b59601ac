import { median } from './pipeline.service';

describe('median', () => {
  it.each([
    [[], null],
    [[5], 5],
    [[14, 2, 4], 4],
    [[1, 2, 3, 10], 2.5],
  ])('of %j is %p', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});
