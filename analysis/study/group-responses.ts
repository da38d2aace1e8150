import { isEligible, type AnalysisInput } from './input.js';
import type { Audience, Flag, GroupCounts } from './result.js';
import type { Selection } from './selection.js';

/**
 * Invited, started and submitted per respondent group and round: the one count every screen
 * shows for groups (the fieldwork monitor, the dashboard's response tiles, the factsheet's
 * response text), so they cannot disagree.
 *
 * - invited: eligible participants of the group (METHODS §1, as the response rate); null for a
 *   group reached only by an anonymous link, which has no denominator — no rate is invented;
 * - started: eligible participants who began or submitted, plus everyone who began or
 *   submitted on the group's anonymous link;
 * - submitted: eligible participants who submitted, plus submissions on the anonymous link
 *   (`anonymousSubmitted` of them);
 * - responseRate: the participants' submissions over invited (anonymous ones are not in it),
 *   flagged `no-percentage` below the study's minimum denominator, as a round's rate is.
 *
 * For the aggregate audience (trainers) a study with more than one group is a subgroup split:
 * counts of 1 to minSubgroup − 1 are hidden (null, flag `suppressed`), as in the monitor.
 */
export function groupResponses(input: AnalysisInput, sel: Selection, audience: Audience): GroupCounts[] {
  const U = input.units.count;
  const P = input.units.participants;
  const s = input.status;
  const G = input.groups.list.length;
  const { minSubgroup } = input.study.settings;
  const hide = audience === 'aggregate' && G > 1;
  const small = (n: number) => hide && n > 0 && n < minSubgroup;
  return input.groups.list.map((group, g) => ({
    key: group.key,
    name: group.name,
    personal: group.personal,
    anonymous: group.anonymous,
    implicit: group.implicit,
    rounds: sel.rounds.map((r) => {
      let invited = 0;
      let started = 0;
      let submitted = 0;
      let personalSubmitted = 0;
      let anonymousSubmitted = 0;
      for (const u of sel.units) {
        if (input.groups.unit[u] !== g) continue;
        const i = r * U + u;
        if (u >= P) {
          if (s.submitted[i]) anonymousSubmitted++, started++;
          continue;
        }
        if (!isEligible(input, r, u)) continue;
        invited++;
        if (!Number.isNaN(s.startedAt[i]) || s.submitted[i] || s.draft[i]) started++;
        if (s.submitted[i]) personalSubmitted++;
      }
      // Anonymous drafts are no units: they follow the group filter only (no other filter keeps anonymous units).
      if (sel.info.organisations === null && sel.info.roles === null && !sel.info.matched)
        started += input.groups.anonymousDrafts[r * G + g];
      submitted = personalSubmitted + anonymousSubmitted;
      const hasInvited = group.personal || invited > 0;
      const flags: Flag[] = [];
      const shown = (n: number) => (small(n) ? null : n);
      if ([invited, started, submitted].some(small)) flags.push('suppressed');
      // As for a round's response (response.ts): no percentage on a denominator below the threshold.
      if (hasInvited && invited > 0 && invited < input.study.settings.minDenominatorForPercent) flags.push('no-percentage');
      return {
        round: input.rounds[r].key,
        invited: hasInvited ? shown(invited) : null,
        started: shown(started),
        submitted: shown(submitted),
        anonymousSubmitted: shown(anonymousSubmitted),
        responseRate: hasInvited && invited > 0 && !small(invited) && !small(personalSubmitted) ? personalSubmitted / invited : null,
        flags,
      };
    }),
  }));
}
