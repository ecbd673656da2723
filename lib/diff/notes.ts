/**
 * Correction and update notes: the blocks in which a newsroom tells readers that a story was changed ("Correction: An
 * earlier version of this article misstated…", "Update, 14:02: …", "This article has been updated", "Anmerkung der
 * Redaktion: …"). Whether a change was disclosed (lib/diff/labels.ts) depends on whether the newer version shows one
 * the older did not. Works on normalised text (lib/model/normalize.ts: straight quotes, single spaces).
 */
import { isFurniture, RELATIVE_TIME } from '../model/normalize';

/**
 * Words that open a note, followed by a colon within a few characters ("Correction:", "Update, 14:02:", "Mise à jour :",
 * "Editor's note (March 5):"). English, German, French, Spanish, Italian, Portuguese and Dutch.
 */
const LABELS = [
  // English
  'corrections?', 'clarifications?', "editors?'?s? note", 'note from the editors?', 'updated?', 'amendment', 'errat(?:um|a)',
  // German
  'korrektur', 'korrekturhinweis', 'richtigstellung', 'berichtigung', '(?:anmerkung|hinweis) der redaktion',
  'aktualisierung', 'aktualisiert', 'nachtrag', 'transparenzhinweis',
  // French
  'rectificatif', 'rectification', 'mises? à jour', 'mis à jour', 'note de la rédaction', 'précision', 'actualisation',
  'n\\.?d\\.?l\\.?r\\.?',
  // Spanish
  'corrección', 'fe de (?:errores|erratas)', 'aclaración', 'actualización', 'actualizado', 'rectificación',
  'nota (?:del editor|de la redacción|de los editores)',
  // Italian
  'correzione', 'rettifica', 'aggiornamento', 'aggiornato', 'nota della redazione', 'nota del direttore',
  'errata corrige', 'precisazione',
  // Portuguese
  'corre(?:c)?ção', 'a(?:c)?tualização', 'atualizado', 'nota da reda(?:c)?ção', 'nota do editor', 'esclarecimento',
  're(?:c)?tificação',
  // Dutch
  'correctie', 'rectificatie', 'bijgewerkt', 'noot van de redactie', 'naschrift', 'aanvulling', 'verbetering',
];

/** Sentences that say the story was changed, anywhere in a block (often the last line of the article). */
const SENTENCES = [
  // English
  '(?:this|the) (?:article|story|report|piece|post|column|headline|blog post|item) (?:was|has been|had been) (?:amended|updated|corrected|changed|edited|modified|revised)',
  'an? (?:earlier|previous|prior|older) version of this (?:article|story|report|piece|post|column|headline)',
  'we (?:have )?(?:corrected|amended|updated) (?:this|the) (?:article|story|report|piece|headline)',
  'correction appended',
  // German
  '(?:dieser|der) (?:artikel|beitrag|text) wurde (?:nachträglich )?(?:aktualisiert|korrigiert|geändert|ergänzt|überarbeitet)',
  'in einer (?:früheren|vorherigen|älteren|ersten) (?:version|fassung) (?:dieses|des) (?:artikels|beitrags|textes)',
  'in einer (?:früheren|vorherigen|älteren|ersten) (?:version|fassung) hieß es',
  // French
  'cet article a été (?:mis à jour|modifié|corrigé|actualisé|complété)',
  'une (?:précédente|première|ancienne) version de cet article',
  // Spanish
  '(?:este|el) (?:artículo|texto|reportaje) (?:ha sido|fue) (?:actualizado|corregido|modificado)',
  'esta (?:noticia|información|nota) (?:ha sido|fue) (?:actualizada|corregida|modificada)',
  'una versión anterior de (?:este|esta) (?:artículo|noticia|texto|información|nota|reportaje)',
  // Italian
  'questo articolo è stato (?:aggiornato|corretto|modificato)',
  'una (?:versione precedente|precedente versione) di questo articolo',
  // Portuguese
  '(?:este|o) (?:artigo|texto) foi (?:a(?:c)?tualizado|corrigido|alterado|modificado)',
  'esta (?:reportagem|notícia|matéria) foi (?:a(?:c)?tualizada|corrigida|alterada|modificada)',
  'uma versão anterior (?:deste|desta) (?:artigo|texto|reportagem|notícia|matéria)',
  // Dutch
  'dit (?:artikel|bericht|stuk) is (?:aangepast|bijgewerkt|gecorrigeerd|gewijzigd|aangevuld)',
  'in een eerdere versie van dit (?:artikel|bericht|stuk)',
];

/**
 * What may stand between the label and its colon: a time ("Update, 14:02:"), a date ("Correction, March 5, 2024:") or
 * anything in brackets ("Editor's note (5 March):"), but no other words, so "Corrections officers said: …" is no note.
 */
const QUALIFIER = String.raw`(?:\s*[([][^)\]]{0,40}[)\]]|[\s,]+[^:\p{L}]{1,25}?|[\s,]+\p{L}{3,10}\.?\s\d{1,2}(?:,?\s\d{4})?)?`;
// Not inside a word on either side (\b only knows ASCII letters: "Correção", "mise à jour").
const OPENING = new RegExp(String.raw`^(?:${LABELS.join('|')})(?![\p{L}\p{N}])${QUALIFIER}\s?:\s*\S`, 'iu');
const SENTENCE = new RegExp(`(?<![\\p{L}\\p{N}])(?:${SENTENCES.join('|')})(?![\\p{L}\\p{N}])`, 'iu');

/**
 * Whether a normalised block is a correction or update note. A short "Updated: 2 hours ago" is furniture that changes
 * on every visit, not a note; an absolute "Updated: 5 March 2024, 14:02" is the page saying it was updated, and is one.
 */
export function isNote(normalised: string): boolean {
  if (!OPENING.test(normalised) && !SENTENCE.test(normalised)) return false;
  return !(isFurniture(normalised) && RELATIVE_TIME.test(normalised));
}

/** The notes among some normalised texts (the dek and every body block, furniture included), each once. */
export function notesIn(texts: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const text of texts) if (isNote(text)) out.add(text);
  return out;
}
