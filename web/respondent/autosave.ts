import type { AnswerCell } from '../../model/answer.js';
import type { DraftBody } from '../../model/api/respondent.js';
import type { Lang } from './text.js';

export type SaveState = 'idle' | 'saved' | 'saving' | 'offline' | 'failed';

export interface SaveSource {
  /** The items among `items` that can be saved now (valid as a draft), with their cells. */
  collect(items: string[]): { items: string[]; answers: AnswerCell[] };
  /** The current cells of an item, for the local copy. */
  cells(item: string): AnswerCell[];
  language(): Lang;
}

/**
 * Draft autosave: changed items are sent a second after the last change, when the respondent
 * moves between sections, and when the page is hidden or closed (a keepalive request that
 * outlives the page). Until the server has them, changed answers are also kept in the
 * browser's localStorage, so a lost connection or a closed tab loses nothing; the local copy
 * is removed as soon as the server has saved it. Failed saves are retried with back-off and
 * when the browser comes back online.
 */
export class Autosave {
  /** Changed items and a version per change, so a save racing a new change keeps it dirty. */
  private dirty = new Map<string, number>();
  private version = 0;
  private languageDirty = false;
  private timer?: ReturnType<typeof setTimeout>;
  private busy = false;
  private again = false;
  private retryMs = 0;
  private stopped = false;
  private readonly storageKey: string;

  constructor(
    private readonly api: string,
    localKey: string,
    private readonly source: SaveSource,
    private readonly onState: (state: SaveState) => void,
    /** The draft cannot go on (403, 409): submitted elsewhere, round closed, link withdrawn, questionnaire changed. */
    private readonly onStop: () => void,
  ) {
    this.storageKey = `rondo:${localKey}`;
    addEventListener('online', () => void this.flush());
    addEventListener('pagehide', () => void this.flush(true));
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') void this.flush(true);
    });
  }

  /** Answers changed on this device but never saved, from an earlier visit; they are saved next. */
  restore(): Record<string, AnswerCell[]> | null {
    try {
      const saved = JSON.parse(localStorage.getItem(this.storageKey) ?? 'null') as { items?: Record<string, AnswerCell[]> } | null;
      if (!saved?.items) return null;
      for (const item of Object.keys(saved.items)) this.dirty.set(item, ++this.version);
      this.schedule(0);
      return saved.items;
    } catch {
      return null;
    }
  }

  change(item: string): void {
    this.dirty.set(item, ++this.version);
    this.keepLocally();
    this.schedule(1000);
  }

  languageChanged(): void {
    this.languageDirty = true;
    this.schedule(1000);
  }

  /** After submission: nothing more to save, nothing kept on the device. */
  finish(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.dirty.clear();
    this.keepLocally();
  }

  private keepLocally(): void {
    try {
      if (this.dirty.size === 0) localStorage.removeItem(this.storageKey);
      else
        localStorage.setItem(
          this.storageKey,
          JSON.stringify({ items: Object.fromEntries([...this.dirty.keys()].map((i) => [i, this.source.cells(i)])) }),
        );
    } catch {
      // Private browsing or a full store: the server copy is still made.
    }
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    if (!this.stopped) this.timer = setTimeout(() => void this.flush(), ms);
  }

  /** Saves what has changed now. With `leaving`, sends even while a save is under way. */
  async flush(leaving = false): Promise<void> {
    clearTimeout(this.timer);
    if (this.stopped || (!this.dirty.size && !this.languageDirty)) return;
    if (this.busy && !leaving) {
      this.again = true;
      return;
    }
    const versions = new Map(this.dirty);
    const { items, answers } = this.source.collect([...this.dirty.keys()]);
    if (!items.length && !this.languageDirty) return;
    const languageWasDirty = this.languageDirty;
    this.languageDirty = false;
    this.busy = true;
    this.onState('saving');
    try {
      const res = await fetch(`${this.api}/draft`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ language: this.source.language(), items, answers } satisfies DraftBody),
        keepalive: leaving,
      });
      if (res.ok) {
        for (const i of items) if (this.dirty.get(i) === versions.get(i)) this.dirty.delete(i);
        this.keepLocally();
        this.retryMs = 0;
        this.onState('saved');
        return;
      }
      if (res.status === 403 || res.status === 409) {
        this.stopped = true;
        this.onStop();
      } else if (res.status === 429 || res.status >= 500) {
        this.languageDirty ||= languageWasDirty;
        this.retry();
      } else {
        // A draft the server refuses: keep it on the device, do not loop.
        this.onState('failed');
      }
    } catch {
      this.languageDirty ||= languageWasDirty;
      this.retry();
    } finally {
      this.busy = false;
      if (this.again) {
        this.again = false;
        this.schedule(0);
      }
    }
  }

  private retry(): void {
    this.onState('offline');
    this.retryMs = Math.min(30_000, this.retryMs ? this.retryMs * 2 : 2000);
    this.schedule(this.retryMs);
  }
}
