import { AGREEMENT_STATES, AGREEMENT_TRANSITIONS, type AgreementTransition } from '@convenio/contracts';
import { NODE_WIDTH, layoutStateDiagram } from './state-diagram-layout';

describe('layoutStateDiagram', () => {
  const layout = layoutStateDiagram();
  const node = (state: string) => layout.nodes.find((candidate) => candidate.state === state)!;

  it('has one box per state of the contract and one arrow per (from, to) pair of its transitions', () => {
    expect(layout.nodes.map((candidate) => candidate.state).sort()).toEqual([...AGREEMENT_STATES].sort());
    expect(layout.nodes).toHaveLength(AGREEMENT_STATES.length);
    const pairs = new Set(AGREEMENT_TRANSITIONS.map((t) => `${t.from}>${t.to}`));
    expect(layout.edges).toHaveLength(pairs.size);
    for (const transition of AGREEMENT_TRANSITIONS) {
      const edge = layout.edges.find((candidate) => candidate.from === transition.from && candidate.to === transition.to);
      expect(edge?.events).toContain(transition.event);
    }
  });

  it('points every forward arrow to the right and draws the cycle back as an arc', () => {
    for (const edge of layout.edges) {
      if (edge.self) expect(edge.from).toBe(edge.to);
      else if (edge.back) expect(node(edge.to).column).toBeLessThan(node(edge.from).column);
      else expect(node(edge.to).column).toBeGreaterThan(node(edge.from).column);
    }
    expect(layout.edges.filter((edge) => edge.back).map((edge) => `${edge.from}>${edge.to}`)).toEqual(['changes_requested>in_review']);
    expect(node('draft').column).toBe(0);
  });

  it('keeps boxes apart and inside the drawing', () => {
    for (const a of layout.nodes) {
      expect(a.x + NODE_WIDTH).toBeLessThanOrEqual(layout.width);
      expect(a.y).toBeGreaterThan(0);
      for (const b of layout.nodes) if (a !== b) expect(a.x === b.x && a.y === b.y).toBe(false);
    }
  });

  it('follows the definition it is given: a new state and move appear without code changes', () => {
    const transitions: AgreementTransition[] = [
      { from: 'draft', event: 'submit', to: 'in_review', by: 'person' },
      { from: 'in_review', event: 'approve', to: 'approved', by: 'workflow' },
    ];
    const small = layoutStateDiagram(['draft', 'in_review', 'approved'], transitions);
    expect(small.nodes.map((candidate) => [candidate.state, candidate.column])).toEqual([['draft', 0], ['in_review', 1], ['approved', 2]]);
    expect(small.edges).toHaveLength(2);
  });
});
