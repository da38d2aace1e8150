import type { Lang } from '../../model/index.js';
import type { MailKind } from '../../model/values.js';

export interface TemplateText {
  subject: string;
  body: string;
}

/** The texts a study starts with; a researcher edits them per study and language. */
export const DEFAULT_TEMPLATES: Readonly<Record<MailKind, Record<Lang, TemplateText>>> = Object.freeze({
  invitation: {
    nl: {
      subject: 'Uitnodiging: vragenlijst {studyTitle}',
      body: `Beste {name},

Je bent uitgenodigd om de vragenlijst van {studyTitle} in te vullen. Je kunt tussendoor stoppen en later verdergaan via dezelfde link.

Open de vragenlijst via je persoonlijke link:
{link}

De vragenlijst sluit op {closingDate}.

Deze link is persoonlijk: stuur hem niet door.

Met vriendelijke groet,
Het onderzoeksteam`,
    },
    en: {
      subject: 'Invitation: questionnaire {studyTitle}',
      body: `Dear {name},

You are invited to fill in the questionnaire of {studyTitle}. You can stop at any time and continue later with the same link.

Open the questionnaire with your personal link:
{link}

The questionnaire closes on {closingDate}.

This link is personal: please do not forward it.

Kind regards,
The research team`,
    },
  },
  reminder: {
    nl: {
      subject: 'Herinnering: vragenlijst {studyTitle}',
      body: `Beste {name},

Je ontving eerder een uitnodiging voor de vragenlijst van {studyTitle}. We hebben je antwoorden nog niet ontvangen. Elke reactie helpt om een goed beeld te krijgen.

Vul de vragenlijst in via je persoonlijke link; ben je al begonnen, dan ga je verder waar je was:
{link}

De vragenlijst sluit op {closingDate}.

Heb je de vragenlijst net ingevuld? Dan kun je dit bericht negeren.

Met vriendelijke groet,
Het onderzoeksteam`,
    },
    en: {
      subject: 'Reminder: questionnaire {studyTitle}',
      body: `Dear {name},

Some time ago you received an invitation to the questionnaire of {studyTitle}. We have not received your answers yet. Every response helps to get a good picture.

Fill in the questionnaire with your personal link; if you already started, you continue where you left off:
{link}

The questionnaire closes on {closingDate}.

Did you just fill in the questionnaire? Then you can ignore this message.

Kind regards,
The research team`,
    },
  },
});

/**
 * Stand-ins when a value is missing, so a mail never reads "Beste ," or "sluit op ." A missing
 * name becomes the study's own word for a participant (compose.ts, model/vocabulary.ts).
 */
export const FALLBACKS: Readonly<Record<Lang, { closingDate: string }>> = Object.freeze({
  nl: { closingDate: 'een nog te bepalen datum' },
  en: { closingDate: 'a date still to be announced' },
});
