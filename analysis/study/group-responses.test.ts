import { describe, expect, it } from 'vitest';
import type { Questionnaire } from '../../model/index.js';
import { analyzeStudy } from './analyze.js';
import { InputBuilder } from './builder.js';
import { CELL } from './input.js';

/**
 * One count per respondent group (group-responses.ts): professionals by personal link, parents by
 * an anonymous link, on a small built study; and a study without groups, whose one implicit group
 * is the round's totals.
 */
const q: Questionnaire = {
  format: 'rondo.questionnaire/1',
  title: { nl: 'Monitor' },
  sections: [
    {
      key: 'netwerk',
      title: { nl: 'Netwerk' },
      items: [
        { id: 'cijfer', type: 'rating', text: { nl: 'Cijfer' }, required: true, rounds: ['h1'], measure: 'satisfaction', min: 1, max: 10 },
      ],
    },
    {
      key: 'ouders',
      title: { nl: 'Ouders' },
      items: [{ id: 'geholpen', type: 'yesno', text: { nl: 'Geholpen?' }, required: true, rounds: ['h1'], measure: 'satisfaction' }],
    },
  ],
};

function build(groups: boolean) {
  const b = new InputBuilder({
    study: { slug: 's', title: { nl: 'S' }, organisation: 'O' },
    rounds: [{ key: 'h1', label: { nl: 'H1' }, opensAt: null, closesAt: null }],
    partners: [],
    tools: [],
    versions: [{ version: 1, questionnaire: q }],
    participants: 6,
    anonymous: 3,
    groups: groups
      ? [
          { key: 'prof', name: { nl: 'Professionals' }, personal: true, anonymous: false, sections: ['netwerk'], implicit: false },
          { key: 'ouders', name: { nl: 'Ouders' }, personal: false, anonymous: true, sections: ['ouders'], implicit: false },
        ]
      : undefined,
  });
  const cijfer = b.variable('cijfer', '');
  const geholpen = b.variable('geholpen', '');
  for (let u = 0; u < 6; u++) {
    b.setParticipant(u, 'GGD', 'jgz');
    b.invite(0, u, { sentAt: 1 });
    if (u < 5) {
      b.submit(0, u, 0, 10);
      b.answer(0, u, cijfer, 7, 0, false);
    } else b.draft(0, u, 5);
  }
  for (let u = 6; u < 9; u++) {
    if (groups) b.setGroup(u, 1);
    b.submit(0, u, 0, 10);
    b.answer(0, u, geholpen, 1, 0, false);
  }
  if (groups) b.anonymousDraft(0, 1, 2);
  return b.finish();
}

describe('groupResponses', () => {
  it('counts invited, started and submitted per group, with no invited and no rate for the anonymous group', () => {
    const a = analyzeStudy(build(true));
    expect(a.response.byGroup.map((g) => [g.key, g.rounds[0].invited, g.rounds[0].started, g.rounds[0].submitted])).toEqual([
      ['prof', 6, 6, 5],
      ['ouders', null, 5, 3],
    ]);
    expect(a.response.byGroup[0].rounds[0].responseRate).toBeCloseTo(5 / 6, 12);
    expect(a.response.byGroup[0].rounds[0].flags).toContain('no-percentage');
    expect(a.response.byGroup[1].rounds[0].responseRate).toBeNull();
  });

  it('does not ask a group the items of sections it does not see, and names the population', () => {
    const input = build(true);
    const geholpen = input.variables.find((v) => v.item === 'geholpen')!;
    expect(geholpen.state[0]).toBe(CELL.NOT_ASKED); // a professional
    const a = analyzeStudy(input);
    expect(a.items.find((i) => i.id === 'geholpen')?.population).toEqual(['ouders']);
    expect(a.items.find((i) => i.id === 'cijfer')?.population).toEqual(['prof']);
  });

  it('filters by group, keeping the group’s anonymous respondents, as a subgroup', () => {
    const a = analyzeStudy(build(true), { groups: ['ouders'] });
    expect(a.selection).toMatchObject({ groups: ['ouders'], units: 3, subgroup: true });
    expect(a.response.byGroup[0].rounds[0].submitted).toBe(0);
  });

  it('hides small group counts from the aggregate audience', () => {
    const a = analyzeStudy(build(true), { audience: 'aggregate' });
    expect(a.response.byGroup[1].rounds[0]).toMatchObject({ submitted: null, started: 5, flags: ['suppressed'] });
  });

  it('gives a study without groups one implicit group equal to the round totals', () => {
    const a = analyzeStudy(build(false));
    const [all] = a.response.byGroup;
    expect(a.response.byGroup).toHaveLength(1);
    expect(all).toMatchObject({ key: 'all', implicit: true });
    const round = a.rounds[0];
    expect([all.rounds[0].invited, all.rounds[0].submitted]).toEqual([round.invited, round.submitted + round.anonymous]);
    expect(a.items.every((i) => i.population === undefined)).toBe(true);
  });
});
