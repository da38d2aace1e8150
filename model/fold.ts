/**
 * Text as the staff screens' searches compare it: lower case, without accents, so that "celik"
 * finds "Çelik" and "een" finds "Één". Used alike by the server (the fieldwork monitor's list, the
 * open answers' search) and in the browser (the participants screen).
 */
export function folded(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
