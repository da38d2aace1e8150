import { describe, expect, it, vi } from 'vitest';
import { checkAddress } from '../../server/fieldwork/address.js';
import { checkTemplate, parseTemplate } from '../../server/fieldwork/placeholders.js';
import { headerSafe, renderMail } from '../../server/fieldwork/render.js';
import { suppressSmallCells } from '../../server/fieldwork/suppress.js';
import { roundState, checkSchedule } from '../../server/fieldwork/rounds.js';

describe('template placeholders', () => {
  it('parses known placeholders and keeps everything else as text', () => {
    const { segments, issues } = parseTemplate('Beste {name}, zie {link} — {studyTitle} sluit {closingDate}. {', 'body');
    expect(issues).toEqual([]);
    expect(segments.filter((s) => 'placeholder' in s).map((s) => ('placeholder' in s ? s.placeholder : ''))).toEqual([
      'name',
      'link',
      'studyTitle',
      'closingDate',
    ]);
  });

  it.each([
    ['Beste {naam}, {link}', '{naam}'],
    ['Beste { name }, {link}', '{ name }'],
    ['Beste {Name}, {link}', '{Name}'],
    ['{link} {}', '{}'],
  ])('refuses %j, naming %s', (body, placeholder) => {
    const { issues } = checkTemplate('Onderwerp', body);
    expect(issues).toEqual([expect.objectContaining({ code: 'UNKNOWN_PLACEHOLDER', field: 'body', placeholder })]);
    expect(issues[0].message).toContain(placeholder);
  });

  it('wants the link in the text and not in the subject', () => {
    expect(checkTemplate('Hallo {name}', 'Geen link').issues.map((i) => i.code)).toEqual(['LINK_MISSING']);
    expect(checkTemplate('Link {link}', 'Hier: {link}').issues.map((i) => i.code)).toEqual(['LINK_IN_SUBJECT']);
    expect(checkTemplate(' ', '').issues.map((i) => i.code)).toEqual(['EMPTY', 'EMPTY']);
  });
});

describe('rendering a mail', () => {
  const { template } = checkTemplate('Uitnodiging {studyTitle} voor {name}', 'Beste {name},\n\nKlik: {link}\nTot {closingDate}.');
  const values = { name: '<i>Eva</i> & Co', link: 'https://rondo.example.nl/r/abc?x=1&y="2"', closingDate: '1 mei', studyTitle: 'A & B' };

  it('puts values in the text part as they are', () => {
    const r = renderMail(template, values);
    expect(r.text).toBe('Beste <i>Eva</i> & Co,\n\nKlik: https://rondo.example.nl/r/abc?x=1&y="2"\nTot 1 mei.');
  });

  it('escapes text and values in the HTML part, with the link as a link', () => {
    const r = renderMail(template, values);
    expect(r.html).toContain('<p>Beste &lt;i&gt;Eva&lt;/i&gt; &amp; Co,</p>');
    expect(r.html).toContain('<a href="https://rondo.example.nl/r/abc?x=1&amp;y=&quot;2&quot;">');
    expect(r.html).not.toContain('<i>');
  });

  it('keeps the subject on one line whatever the name holds', () => {
    const r = renderMail(template, { ...values, name: 'Eva\r\nBcc: x@example.org' });
    expect(r.subject).toBe('Uitnodiging A & B voor Eva Bcc: x@example.org');
    expect(headerSafe('a\u0000b\u2028c\t\td')).toBe('a b c d');
  });
});

describe('recipient addresses', () => {
  it.each([
    ['anna@example.nl', true, undefined],
    ['  Anna@Example.nl ', true, undefined],
    ['', false, 'EMPTY'],
    ['anna@example.nl\r\nBcc: eve@example.org', false, 'LINE_BREAK'],
    ['anna@example.nl\nbcc:eve@example.org', false, 'LINE_BREAK'],
    ['anna@example.nl, eve@example.org', false, 'SEVERAL'],
    ['anna@example.nl;eve@example.org', false, 'SEVERAL'],
    ['anna@eve@example.org', false, 'SEVERAL'],
    ['"Anna" <anna@example.nl>', false, 'INVALID'],
    ['anna', false, 'INVALID'],
  ])('%j → ok %s', (raw, ok, reason) => {
    const r = checkAddress(raw);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.reason).toBe(reason);
  });
});

describe('small-cell suppression', () => {
  it('shows groups of at least five in full', () => {
    expect(
      suppressSmallCells(
        [
          { n: 8, cells: [6, 5] },
          { n: 10, cells: [7, 9] },
        ],
        5,
      ),
    ).toEqual([
      { hidden: false, n: 8, cells: [6, 5] },
      { hidden: false, n: 10, cells: [7, 9] },
    ]);
  });

  it('hides a small group, and a second one so it cannot be recovered from the total', () => {
    const r = suppressSmallCells(
      [
        { n: 3, cells: [2] },
        { n: 12, cells: [8] },
        { n: 7, cells: [6] },
      ],
      5,
    );
    expect(r.map((x) => x.hidden)).toEqual([true, false, true]);
    expect(r[1]).toEqual({ hidden: false, n: 12, cells: [8] });
  });

  it('hides counts of 1 to 4, with a second cell in the column when only one is hidden', () => {
    const r = suppressSmallCells(
      [
        { n: 10, cells: [3, 0] },
        { n: 10, cells: [7, 9] },
        { n: 12, cells: [6, 12] },
      ],
      5,
    );
    expect(r.map((x) => x.cells)).toEqual([
      [null, 0],
      [7, 9],
      [null, 12],
    ]);
  });
});

describe('round state and schedule checks', () => {
  const now = new Date('2026-05-01T12:00:00Z');
  const round = {
    id: 1,
    study_id: 1,
    key: 'pre',
    position: 0,
    label_nl: 'Voormeting',
    label_en: 'Pre',
    opens_at: null as string | null,
    closes_at: null as string | null,
  };
  const input = {
    opensAt: null as string | null,
    closesAt: null as string | null,
    autoInvite: false,
    reminderDays: [] as number[],
    language: null,
  };

  it('follows from the times alone', () => {
    expect(roundState({ opens_at: null, closes_at: null }, now)).toBe('draft');
    expect(roundState({ opens_at: '2026-05-02T00:00:00Z', closes_at: null }, now)).toBe('scheduled');
    expect(roundState({ opens_at: '2026-04-01T00:00:00Z', closes_at: '2026-06-01T00:00:00Z' }, now)).toBe('open');
    expect(roundState({ opens_at: '2026-04-01T00:00:00Z', closes_at: '2026-05-01T12:00:00Z' }, now)).toBe('closed');
  });

  it('refuses a closing time before the opening time, past times and odd reminder days', () => {
    const reasons = (i: Partial<typeof input>, r: Partial<typeof round> = {}) =>
      checkSchedule({ ...round, ...r }, { ...input, ...i }, now).map((x) => `${x.field}:${x.reason}`);
    expect(reasons({ opensAt: '2026-05-03T00:00:00Z', closesAt: '2026-05-02T00:00:00Z' })).toEqual(['closesAt:ORDER']);
    expect(reasons({ opensAt: '2026-04-03T00:00:00Z' })).toEqual(['opensAt:PAST']);
    expect(reasons({ opensAt: '2026-05-03T00:00:00Z', closesAt: '2026-04-03T00:00:00Z' })).toContain('closesAt:PAST');
    expect(reasons({ reminderDays: [7, 7] })).toEqual(['reminderDays:DAYS']);
    expect(reasons({ reminderDays: [0] })).toEqual(['reminderDays:DAYS']);
    // An open round keeps its opening time; a later closing time is fine.
    expect(reasons({ opensAt: '2026-04-02T00:00:00Z', closesAt: '2026-07-01T00:00:00Z' }, { opens_at: '2026-04-01T00:00:00Z' })).toEqual([
      'opensAt:OPENED',
    ]);
    expect(
      reasons({ opensAt: '2026-04-01T00:00:00.000Z', closesAt: '2026-07-01T00:00:00Z' }, { opens_at: '2026-04-01T00:00:00Z' }),
    ).toEqual([]);
  });
});

describe('Intl objects are made once', () => {
  // An Intl formatter holds ICU memory that the garbage collector does not see: the monitor's
  // timeline once made one per timestamp and day and grew the server by ~26 MB a request.
  it('the monitor timeline and mail dates make no formatter or collator per call', async () => {
    const { timeline, breakdown } = await import('../../server/fieldwork/monitor.js');
    const { formatDate, formatDateTime } = await import('../../server/fieldwork/dates.js');
    const at = (d: number) => new Date(Date.UTC(2026, 0, 10 + d, 9)).toISOString();
    const entries = Array.from({ length: 30 }, (_, i) => ({
      organisation: `org ${i % 4}`,
      role: 'r',
      openedAt: at(i % 20),
      startedAt: at(i % 20),
      submittedAt: i % 3 ? at((i % 20) + 1) : null,
      sentAt: at(0),
    }));
    const calls = () => {
      const points = timeline(entries as never, [{ kind: 'invitation', sentAt: at(0) }], { from: at(0), to: at(25) });
      breakdown(entries as never, 'organisation', { suppress: false, minSubgroup: 5, minDenominatorForPercent: 10 });
      formatDate(at(1), 'nl');
      formatDateTime(at(1), 'en');
      return points;
    };
    // The formatters are made at their first use (model/once.ts), not when the module loads.
    calls();
    const made = { formats: 0, collators: 0 };
    const { DateTimeFormat, Collator } = Intl;
    const spies = [
      // Plain functions, not arrows: the code under test calls them with `new`.
      vi.spyOn(Intl, 'DateTimeFormat').mockImplementation(((...a: ConstructorParameters<typeof DateTimeFormat>) => {
        made.formats++;
        return new DateTimeFormat(...a);
      }) as never),
      vi.spyOn(Intl, 'Collator').mockImplementation(((...a: ConstructorParameters<typeof Collator>) => {
        made.collators++;
        return new Collator(...a);
      }) as never),
    ];
    try {
      const points = calls();
      expect(points.length).toBe(26);
      expect(made).toEqual({ formats: 0, collators: 0 });
    } finally {
      for (const s of spies) s.mockRestore();
    }
  });
});

describe('the monitor timeline', () => {
  /** The day in Dutch time of an ISO timestamp, straight from Intl (the reference). */
  const DUTCH_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });
  const dutchDay = (iso: string | null) => (iso ? DUTCH_DAY.format(new Date(iso)) : null);

  /** The timeline as the monitor defines it, counted the plain way: per day, every entry and mail again. */
  function reference(
    entries: { openedAt: string | null; startedAt: string | null; submittedAt: string | null }[],
    mails: { kind: 'invitation' | 'reminder'; sentAt: string }[],
    days: string[],
  ) {
    const firstOf = (xs: (string | null)[]) => xs.filter((x): x is string => !!x).sort()[0] ?? null;
    const opened = entries.map((e) => dutchDay(firstOf([e.openedAt, e.startedAt, e.submittedAt])));
    const submitted = entries.map((e) => dutchDay(e.submittedAt));
    const sent = mails.map((m) => ({ kind: m.kind, day: dutchDay(m.sentAt) }));
    const count = (values: (string | null)[], d: string) => values.filter((v) => v && v <= d).length;
    return days.map((date) => ({
      date,
      opened: count(opened, date),
      submitted: count(submitted, date),
      invitationsSent: sent.filter((m) => m.kind === 'invitation' && m.day === date).length,
      remindersSent: sent.filter((m) => m.kind === 'reminder' && m.day === date).length,
    }));
  }

  it('counts per Dutch day as the plain count does, around midnight and both clock changes', async () => {
    const { timeline } = await import('../../server/fieldwork/monitor.js');
    // Seeded, so a failure can be repeated.
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const from = Date.UTC(2026, 2, 20);
    const span = 230 * 86_400_000;
    // Times that fall on either side of a Dutch midnight (22:00–23:59 UTC) and the clock changes
    // of 29 March and 25 October 2026 (01:00 UTC), to the millisecond and quarter hour.
    const edges = [
      '2026-03-28T22:59:59.999Z',
      '2026-03-28T23:00:00.000Z',
      '2026-03-29T00:59:59.999Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-29T21:59:59.999Z',
      '2026-03-29T22:00:00.000Z',
      '2026-10-24T21:59:59.999Z',
      '2026-10-24T22:00:00.000Z',
      '2026-10-25T00:45:00.000Z',
      '2026-10-25T01:00:00.000Z',
      '2026-10-25T22:59:59.999Z',
      '2026-10-25T23:00:00.000Z',
    ];
    const at = () => (next() < 0.2 ? edges[Math.floor(next() * edges.length)] : new Date(from + Math.floor(next() * span)).toISOString());
    const maybe = (p: number) => (next() < p ? at() : null);
    const entries = Array.from({ length: 400 }, () => ({
      sentAt: at(),
      openedAt: maybe(0.6),
      startedAt: maybe(0.5),
      submittedAt: maybe(0.4),
    }));
    const mails = Array.from({ length: 300 }, () => ({
      kind: next() < 0.5 ? ('invitation' as const) : ('reminder' as const),
      sentAt: at(),
    }));
    const points = timeline(entries as never, mails, { from: '2026-03-20T08:00:00.000Z', to: '2026-11-04T12:00:00.000Z' }, 400);
    expect(points[0].date).toBe('2026-03-20');
    expect(points.at(-1)!.date).toBe('2026-11-04');
    expect(points).toEqual(
      reference(
        entries,
        mails,
        points.map((p) => p.date),
      ),
    );
    // Not a comparison of empty days: the edges were counted on their own days.
    expect(
      points.find((p) => p.date === '2026-03-29')!.invitationsSent + points.find((p) => p.date === '2026-03-29')!.remindersSent,
    ).toBeGreaterThan(0);
    // The last maxDays days only, with what came before them in the totals.
    const last = timeline(entries as never, mails, { from: '2026-03-20T08:00:00.000Z', to: '2026-11-04T12:00:00.000Z' }, 30);
    expect(last).toEqual(points.slice(-30));
  });

  it('starts at the first timestamp when the round has no opening, and is empty before anything happened', async () => {
    const { timeline } = await import('../../server/fieldwork/monitor.js');
    const entries = [{ sentAt: '2026-05-02T07:00:00.000Z', openedAt: null, startedAt: null, submittedAt: '2026-05-03T23:30:00.000Z' }];
    const points = timeline(entries as never, [{ kind: 'reminder', sentAt: '2026-05-01T22:30:00.000Z' }], {
      from: null,
      to: '2026-05-05T10:00:00.000Z',
    });
    // 22:30 UTC on 1 May is 00:30 on 2 May in Dutch time; 23:30 UTC on 3 May is 01:30 on 4 May.
    expect(points.map((p) => [p.date, p.opened, p.submitted, p.remindersSent])).toEqual([
      ['2026-05-02', 0, 0, 1],
      ['2026-05-03', 0, 0, 0],
      ['2026-05-04', 1, 1, 0],
      ['2026-05-05', 1, 1, 0],
    ]);
    expect(timeline([], [], { from: null, to: '2026-05-05T10:00:00.000Z' })).toEqual([]);
    expect(timeline([], [], { from: '2026-06-01T10:00:00.000Z', to: '2026-05-05T10:00:00.000Z' })).toEqual([]);
  });
});
