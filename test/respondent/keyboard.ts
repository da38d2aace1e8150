import type { Page } from 'playwright-core';

/**
 * Answers the questionnaire on screen with the keyboard alone: Tab from control to control,
 * arrow keys and Space in radio groups, Space on checkboxes, typing in text fields, Enter on
 * the step's main button. What to answer comes from a plan keyed by the control's name.
 */
export interface KeyboardPlan {
  /** Index of the radio to choose in the group with this name (in DOM order), or undefined to leave it. */
  radio(name: string): number | undefined;
  /** Whether to tick this checkbox. */
  checkbox(name: string, value: string): boolean;
  /** Text to type into the field with this id. */
  text(id: string): string | undefined;
}

export interface Focused {
  tag: string;
  type: string;
  name: string;
  id: string;
  value: string;
  label: string;
  checkedInGroup: boolean;
  index: number;
}

export async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    if (!el) return { tag: '', type: '', name: '', id: '', value: '', label: '', checkedInGroup: false, index: -1 };
    const group =
      el.type === 'radio' ? [...document.querySelectorAll<HTMLInputElement>(`input[type=radio][name="${CSS.escape(el.name)}"]`)] : [];
    return {
      tag: el.tagName.toLowerCase(),
      type: el.type ?? '',
      name: el.name ?? '',
      id: el.id,
      value: el.value ?? '',
      label: (el.textContent ?? '').trim(),
      checkedInGroup: group.some((r) => r.checked),
      index: group.indexOf(el),
    };
  });
}

/**
 * Works through the current step: answers every control the plan names and presses the step's
 * main button (Next, Go to submit). Returns the number of Tab presses it took.
 */
export async function answerStep(
  page: Page,
  plan: KeyboardPlan,
  mainButton: RegExp,
  options: { startHere?: boolean; maxTabs?: number } = {},
): Promise<number> {
  const done = new Set<string>();
  const maxTabs = options.maxTabs ?? 200;
  for (let tabs = 1; tabs <= maxTabs; tabs++) {
    // With startHere, the control that has focus now is handled before the first Tab.
    if (tabs > 1 || !options.startHere) await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f.tag === 'button' && mainButton.test(f.label)) {
      await page.keyboard.press('Enter');
      return tabs;
    }
    if (f.type === 'radio' && !done.has(f.name)) {
      done.add(f.name);
      const want = plan.radio(f.name);
      if (want === undefined || f.checkedInGroup) continue;
      if (want === f.index) await page.keyboard.press('Space');
      for (let i = f.index; i < want; i++) await page.keyboard.press('ArrowDown');
    } else if (f.type === 'checkbox') {
      if (plan.checkbox(f.name, f.value)) await page.keyboard.press('Space');
    } else if (f.tag === 'textarea' || (f.tag === 'input' && f.type === 'text')) {
      const text = plan.text(f.id);
      if (text !== undefined && !done.has(f.id)) {
        done.add(f.id);
        await page.keyboard.type(text);
      }
    }
  }
  throw new Error(`no button matching ${mainButton} within ${maxTabs} tabs`);
}
