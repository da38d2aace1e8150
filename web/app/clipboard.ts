/**
 * Selects the text of a read-only field and copies it; true when it was copied. Without
 * clipboard access (plain http) it falls back to the older copy command, and the selection
 * stays so the text can be copied by hand.
 */
export async function copyField(input: HTMLInputElement | null): Promise<boolean> {
  if (!input) return false;
  input.select();
  try {
    await navigator.clipboard.writeText(input.value);
    return true;
  } catch {
    return document.execCommand?.('copy') ?? false;
  }
}
