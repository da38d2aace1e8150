import { describe, expect, it } from 'vitest';
import { fillTermsIn } from './vocabulary-text.js';
import type { Vocabulary } from './vocabulary.js';
import { ACCESS_WORDS, accessDataText, accessPurposeText, type AccessNames } from './access-log-text.js';

/** A network monitor's words: its rounds are "peilingen", who answers are "leden". */
const VOCABULARY: Vocabulary = {
  round: { nl: { one: 'peiling', many: 'peilingen', article: 'de' }, en: { one: 'poll', many: 'polls' } },
  participant: { nl: { one: 'lid', many: 'leden', article: 'het' }, en: { one: 'member', many: 'members' } },
};
const nl = fillTermsIn(ACCESS_WORDS.nl, VOCABULARY, 'nl');
const en = fillTermsIn(ACCESS_WORDS.en, VOCABULARY, 'en');
const names: AccessNames = {
  round: (key) => ({ p2026voorjaar: 'Voorjaar 2026', p2025najaar: 'Najaar 2025' })[key] ?? key,
  item: (id) => ({ tips: 'Wat kan het netwerk beter doen?' })[id] ?? id,
};

describe('the access log in the reader’s words', () => {
  // Each stored description is the exact text a place on the server writes (server/privacy/access-log.ts callers).
  it.each([
    ['cohort participant list', 'Lijst met leden', 'List of members'],
    ['fieldwork monitor p2026voorjaar', 'Veldwerkmonitor: leden in Voorjaar 2026', 'Fieldwork monitor: members in Voorjaar 2026'],
    ['fieldwork response patterns', 'Veldwerk: wie deed mee aan welke peiling', 'Fieldwork: who took part in which poll'],
    ['mail preview', 'Voorbeeld van een e-mail', 'Preview of an e-mail'],
    ['mail batch 12', 'Ontvangers van verzending 12', 'Recipients of mailing 12'],
    ['send reminder p2026voorjaar: not sent to', 'Niet verstuurd: herinnering voor Voorjaar 2026', 'Not sent: reminder for Voorjaar 2026'],
    [
      'open answers tips: 28 answers',
      'Open antwoorden op ‘Wat kan het netwerk beter doen?’: 28 antwoorden',
      'Open answers to ‘Wat kan het netwerk beter doen?’: 28 answers',
    ],
    [
      'open answers tips (round p2025najaar, search): 1 answers',
      'Open antwoorden op ‘Wat kan het netwerk beter doen?’ (alleen Najaar 2025, met zoekterm): 1 antwoord',
      'Open answers to ‘Wat kan het netwerk beter doen?’ (Najaar 2025 only, with a search term): 1 answer',
    ],
    ['export contacts.csv (contacts)', 'Sleutellijst gedownload (contacts.csv)', 'Key list downloaded (contacts.csv)'],
    ['export contacts.csv (bundle)', 'Sleutellijst bij de export (alles in één zip)', 'Key list with the export (everything in one zip)'],
    ['export round with open answers', 'Export per peiling met open antwoorden', 'Export per poll with open answers'],
    ['privacy: finding a participant to erase', 'Lid opzoeken om gegevens te wissen', 'Looking up a member to erase their data'],
    ['subject access pdf', 'Inzageverzoek (PDF)', 'Subject access request (PDF)'],
    ['personal link p2025najaar', 'Persoonlijke link voor Najaar 2025 getoond', 'Personal link for Najaar 2025 shown'],
    ['new personal link p2025najaar', 'Nieuwe persoonlijke link voor Najaar 2025 gemaakt', 'New personal link for Najaar 2025 made'],
    [
      'mail-merge csv p2026voorjaar non-responders',
      'Export voor samenvoegen, Voorjaar 2026, alleen wie nog niet invulde',
      'Mail-merge export, Voorjaar 2026, only those who have not submitted',
    ],
  ])('says "%s" in Dutch and English with round labels and question texts', (stored, dutch, english) => {
    expect(accessPurposeText(stored, nl, names)).toBe(dutch);
    expect(accessPurposeText(stored, en, names)).toBe(english);
  });

  it('shows a description it does not know as stored, rather than guessing', () => {
    expect(accessPurposeText('something new p2026voorjaar', nl, names)).toBe('something new p2026voorjaar');
  });

  it('names the kind of data, and keeps an unknown kind as stored', () => {
    expect(accessDataText('contacts', nl)).toBe('contactgegevens');
    expect(accessDataText('open-answers', nl)).toBe('open antwoorden');
    expect(accessDataText('open-answers', en)).toBe('open answers');
    expect(accessDataText('subject-access', nl)).toBe('alle gegevens van één lid (inzageverzoek)');
    expect(accessDataText('future-kind', en)).toBe('future-kind');
  });

  it('formats the number of answers with the screen’s number format', () => {
    expect(accessPurposeText('open answers tips: 1200 answers', nl, names, (n) => n.toLocaleString('nl-NL'))).toBe(
      'Open antwoorden op ‘Wat kan het netwerk beter doen?’: 1.200 antwoorden',
    );
  });
});
