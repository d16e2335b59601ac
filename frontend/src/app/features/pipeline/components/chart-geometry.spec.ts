import { TestBed } from '@angular/core/testing';
import { BarChartComponent } from './bar-chart.component';
import { barBoxes, linePoints, pointsAttribute, scaleMax } from './chart-geometry';

describe('chart geometry', () => {
  it('gives each bar an equal slot, the gap around it, and a height proportional to its value', () => {
    expect(barBoxes([2, 4, 0, 1], 400, 100, 20)).toEqual([
      { x: 10, y: 50, width: 80, height: 50 },
      { x: 110, y: 0, width: 80, height: 100 },
      { x: 210, y: 100, width: 80, height: 0 },
      { x: 310, y: 75, width: 80, height: 25 },
    ]);
  });

  it('draws all-zero data flat and no data as nothing', () => {
    expect(scaleMax([0, 0])).toBe(1);
    expect(barBoxes([0, 0], 100, 50).map((b) => b.height)).toEqual([0, 0]);
    expect(barBoxes([], 100, 50)).toEqual([]);
  });

  it('puts line points at slot centres on a shared scale', () => {
    const points = linePoints([0, 5, 10], 300, 100, 20);
    expect(points).toEqual([
      { x: 50, y: 100 },
      { x: 150, y: 75 },
      { x: 250, y: 50 },
    ]);
    expect(pointsAttribute(points)).toBe('50,100 150,75 250,50');
  });
});

describe('BarChartComponent', () => {
  it('draws one titled bar per datum inside an SVG named by its title', async () => {
    const fixture = TestBed.createComponent(BarChartComponent);
    fixture.componentRef.setInput('title', 'Convenios por estado');
    fixture.componentRef.setInput('id', 'by-state');
    fixture.componentRef.setInput('data', [
      { label: 'Vigente', value: 3 },
      { label: 'En firma', value: 1 },
    ]);
    await fixture.whenStable();
    const svg: SVGElement = fixture.nativeElement.querySelector('svg');
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-labelledby')).toBe('by-state-title');
    expect(svg.querySelector('#by-state-title')?.textContent).toBe('Convenios por estado');
    const bars = Array.from(svg.querySelectorAll('[data-testid="bar"]'));
    expect(bars.map((bar) => bar.querySelector('title')?.textContent)).toEqual(['Vigente: 3', 'En firma: 1']);
    const heights = bars.map((bar) => Number(bar.querySelector('rect')?.getAttribute('height')));
    expect(heights[0]).toBe(200);
    expect(heights[1]).toBeCloseTo(200 / 3);
  });
});
