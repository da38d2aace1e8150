import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudyAnalysis } from '../../analysis/study/result.js';
import { AnalysisService } from '../../server/analysis/service.js';
import { main } from '../../server/cli/index.js';
import { openData, type OpenedData } from '../../server/data.js';
import { analysisSource } from '../../server/factsheet/load-data.js';
import { openDraft, renderDraft } from '../../server/factsheet/service.js';
import { readCycle } from '../../server/improvement/store.js';
import { createDemoNetworks, DEMO_NETWORK_SLUGS } from '../../server/studies/demo-networks.js';
import { generateDemoNetworks, type DemoNetwork } from '../../content/demo/networks.js';
import { findStudyBySlug } from '../../server/studies/repository.js';
import { tempDir } from '../helpers/app.js';
import { verifyPassword } from '../../server/auth/password.js';
import { TRAINING_WORDS } from './words.js';

/**
 * The demo's synthetic IMH region (issue 17, deliverable 7), as `rondo demo` writes it: three
 * networks from the Quick Scan template with two scans, parents' anonymous answers and an
 * improvement cycle; `rondo analyze --json` reports domain coverage, every item type and the
 * indicators; the network's Dutch factsheet never says training, ZAT or tools.
 */
describe('the demo IMH networks', () => {
  let dir: string;
  let data: OpenedData;
  let printed = '';
  const run = async (...args: string[]) => {
    let out = '';
    let err = '';
    const code = await main([...args, '--data', path.join(dir, 'data')], {
      out: (s) => void (out += s),
      err: (s) => void (err += s),
      env: { RONDO_LOG_LEVEL: 'warn' },
    });
    return { code, out, err };
  };
  const count = (sql: string, ...params: unknown[]) =>
    (data.store.sqlite
      .prepare(sql)
      .pluck()
      .get(...params) as number) ?? 0;

  beforeAll(async () => {
    dir = tempDir('rondo-demo-networks-');
    const made = await run('demo');
    expect(made.code, made.err).toBe(0);
    expect(made.out).toContain('created the demo IMH networks imh-netwerk-venlo, imh-netwerk-horst, imh-netwerk-peel');
    printed = made.out;
    data = await openData(path.join(dir, 'data'), path.join(dir, 'data', 'secret'));
  });
  afterAll(async () => {
    await data?.store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // domainsui: one team member per network logs in with the password printed once (test/quickscan/demo-member.test.ts).
  it("prints each network member's demo login once, a password that matches the stored hash", async () => {
    for (const place of ['venlo', 'horst', 'peel']) {
      const email = `netwerkteam.${place}@example.org`;
      const password = new RegExp(`imh-netwerk-${place}: e-mail ${email.replace(/\./g, '\\.')}  password (\\S+)`).exec(printed)?.[1];
      const hash = data.store.sqlite.prepare('select password_hash from user where email = ?').pluck().get(email) as string;
      expect(password && (await verifyPassword(password, hash))).toBe(true);
    }
  });

  it('creates three labelled networks with two half-yearly scans, and parents answering through the anonymous link', async () => {
    for (const slug of DEMO_NETWORK_SLUGS) {
      const study = (await findStudyBySlug(data.store.db, slug))!;
      expect(study.isDemo).toBe(true);
      expect(study.definition.title.nl).toMatch(/\(synthetische demo\)$/);
      expect(study.definition.title.en).toMatch(/\(synthetic demo\)$/);
      expect(count('select count(*) from round where study_id = ? and anonymous_link_hash is not null', study.id)).toBe(2);
      const team = count(
        'select count(*) from participant_attribute a join participant p on p.id = a.participant_id ' +
          "where p.study_id = ? and a.key = 'network_role' and a.value != 'steunnetwerk'",
        study.id,
      );
      const support = count('select count(*) from participant where study_id = ?', study.id) - team;
      expect(team).toBeGreaterThanOrEqual(4);
      expect(team).toBeLessThanOrEqual(6);
      expect(support).toBeGreaterThanOrEqual(4);
      expect(support).toBeLessThanOrEqual(8);
      for (const round of ['r2026h1', 'r2026h2']) {
        const where = "r.study_id = ? and r.status = 'submitted' and r.round_id = (select id from round where study_id = ? and key = ?)";
        expect(
          count(`select count(*) from response r where ${where} and r.participant_id is null`, study.id, study.id, round),
        ).toBeGreaterThan(5);
        expect(
          count(`select count(*) from response r where ${where} and r.participant_id is not null`, study.id, study.id, round),
        ).toBeGreaterThan(5);
      }
    }
  });

  it('gives each network a point selected by vote, a plan with 2–3 actions of mixed status and two PDCA entries', async () => {
    for (const slug of DEMO_NETWORK_SLUGS) {
      const study = (await findStudyBySlug(data.store.db, slug))!;
      const cycle = await readCycle(data.store.db, study.id, null);
      const selected = cycle.points.filter((p) => p.status === 'selected');
      expect(selected).toHaveLength(1);
      expect(selected[0]).toMatchObject({ selectedBy: 'vote', votes: 2 });
      expect(cycle.plans).toHaveLength(1);
      const [plan] = cycle.plans;
      expect(plan.actions.length).toBeGreaterThanOrEqual(2);
      expect(plan.actions.length).toBeLessThanOrEqual(3);
      expect(new Set(plan.actions.map((a) => a.status)).size).toBeGreaterThan(1);
      expect(plan.pdca.map((e) => e.quarter)).toEqual([2, 3]);
      // History and audit, as the screens write them.
      expect(count('select count(*) from improvement_history where study_id = ?', study.id)).toBeGreaterThanOrEqual(7);
      expect(count("select count(*) from audit_log where study_id = ? and action like 'improvement.%'", study.id)).toBeGreaterThanOrEqual(
        9,
      );
    }
  });

  it('rondo plan export --format json lists the plan of imh-netwerk-venlo with its actions, statuses and PDCA entries', async () => {
    const res = await run('plan', 'export', '--study', 'imh-netwerk-venlo', '--format', 'json');
    expect(res.code, res.err).toBe(0);
    const file = JSON.parse(res.out) as {
      format: string;
      study: string;
      points: { status: string; selectedBy: string | null }[];
      plans: { year: number; goal: string; actions: { status: string; due: string }[]; pdca: { quarter: number; done: string | null }[] }[];
    };
    expect(file).toMatchObject({ format: 'rondo.improvement/1', study: 'imh-netwerk-venlo' });
    expect(file.points.filter((p) => p.status === 'selected')).toEqual([expect.objectContaining({ selectedBy: 'vote' })]);
    expect(file.plans).toHaveLength(1);
    const [plan] = file.plans;
    expect(plan.goal.length).toBeGreaterThan(10);
    expect(plan.actions.length).toBeGreaterThanOrEqual(2);
    for (const a of plan.actions) {
      expect(['not-started', 'in-progress', 'done', 'dropped']).toContain(a.status);
      expect(a.due.startsWith(String(plan.year))).toBe(true);
    }
    expect(plan.pdca.map((e) => e.quarter)).toEqual([2, 3]);
  });

  it('is the same data every time and never writes a network twice', async () => {
    const before = count('select count(*) from response');
    const again = await createDemoNetworks(data.store.db, data.secret);
    expect(again.map((n) => [n.slug, n.created])).toEqual(DEMO_NETWORK_SLUGS.map((s) => [s, false]));
    expect(count('select count(*) from response')).toBe(before);
    const second = await run('demo');
    expect(second.out).toContain('the demo IMH networks already exist; nothing changed');
    expect(second.out).not.toContain('password');
  });

  it('is seeded: the same networks on every run, with answers that differ per network', () => {
    const [a, b] = [generateDemoNetworks(), generateDemoNetworks()];
    expect(a).toEqual(b);
    const yes = (n: DemoNetwork) => {
      const cells = n.responses.flatMap((r) => r.cells).filter((c) => c.item.startsWith('q_') && c.code !== undefined);
      return cells.filter((c) => c.code === 1).length / cells.length;
    };
    const shares = a.map(yes);
    expect(new Set(shares.map((x) => x.toFixed(2))).size).toBe(3);
    expect(a.map((n) => n.members.length)).toEqual([12, 9, 12]);
  });

  it('rondo analyze --json reports domain coverage, every item type and the indicators', async () => {
    const res = await run('analyze', '--study', 'imh-netwerk-venlo', '--json');
    expect(res.code, res.err).toBe(0);
    const a = JSON.parse(res.out) as StudyAnalysis;
    expect(a.domains?.cohort.missing).toEqual([]);
    expect(a.domains?.answers.map((r) => r.round)).toEqual(['r2026h1', 'r2026h2']);
    expect(new Set(a.questions.map((q) => q.type))).toEqual(
      new Set(['likert', 'frequency', 'rating', 'yesno', 'single', 'multi', 'number']),
    );
    expect(new Set(a.items.map((i) => i.type))).toContain('text');
    expect(a.partners.length).toBeGreaterThan(5);
    expect(a.indicators.map((i) => i.key)).toEqual([
      'quality_requirements',
      'guide_parents',
      'collaboration',
      'satisfaction_professionals',
      'satisfaction_parents',
    ]);
    expect(a.indicators.every((i) => i.result.rounds.every((r) => r.n > 0))).toBe(true);
    const peel = await run('analyze', '--study', 'imh-netwerk-peel');
    expect(peel.out).toContain('4 van 5 domeinen vertegenwoordigd; ontbreekt: (Ouder- en kind-)GGZ');
  });

  it('the Dutch factsheet of imh-netwerk-venlo never says training, ZAT or tools', async () => {
    const study = (await findStudyBySlug(data.store.db, 'imh-netwerk-venlo'))!;
    const service = new AnalysisService(data.store.sqlite);
    try {
      const now = new Date('2026-12-06T09:00:00Z');
      const draft = await openDraft(data.store.db, study, { userId: null, label: 'test' }, now);
      const { html } = await renderDraft(data.store.db, analysisSource(service), study, draft.composition, 'nl', now);
      const text = html
        .replace(/<style[\s\S]*?<\/style>|<script[\s\S]*?<\/script>/g, ' ')
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ');
      expect(text).toContain('IMH-netwerk Venlo (synthetische demo)');
      expect(text.match(new RegExp(TRAINING_WORDS.source, 'gi'))).toBeNull();
    } finally {
      await service.close();
    }
  });
});
