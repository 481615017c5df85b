/**
 * A team's name, one rule for every path: a team added by hand as "Mawar" and a CSV row naming "Regu Mawar"
 * are the same team, stored as "Mawar" and said "Regu Mawar" once, never "Regu Regu Mawar".
 *
 * `teamBaseName` is the name as stored and compared: trimmed, runs of spaces as one, a leading "Regu" word
 * (any case, with a dash, colon or dot after it) dropped. Files written before this rule may hold "Regu
 * Mawar" as entered; every comparison and display goes through here, so they read the same without a
 * migration. Dependency-free on purpose: Beranda (the first screen) imports this module.
 */
export function teamBaseName(nama: string): string {
  const folded = nama.replace(/\s+/g, ' ').trim()
  return folded.replace(/^regu\b[\s\-\u2013\u2014:.]*/i, '') || folded
}

/** "Regu" alone names no team: it would be said "Regu Regu". */
export function teamNameProblem(nama: string): string | null {
  return /^regu$/i.test(teamBaseName(nama)) ? 'Nama regu kosong: tulis namanya sesudah "Regu", mis. "Regu Mawar"' : null
}

/** The key two team names are the same team by: their base names, case folded (as core/names nameKey does). */
export const teamKey = (nama: string): string => teamBaseName(nama).toUpperCase()

/** A team as a sentence or a label names it: "Regu Mawar" ("regu Mawar" inside a sentence). */
export const reguName = (nama: string, inSentence = false): string =>
  `${inSentence ? 'regu' : 'Regu'} ${teamBaseName(nama)}`

/**
 * A team's progress against its target, the one definition for the shift page and Beranda: good sheets
 * (baik, or siap for assembled items) against the target. Damaged sheets are work but not output, so they
 * do not count; the share is not capped, so a team that did half as much again reads 150%.
 */
export interface TargetProgress {
  done: number
  target: number
  /** done / target; null when the team has no target. */
  share: number | null
  met: boolean
}

export function targetProgress(baik: number, target: number): TargetProgress {
  return { done: baik, target, share: target > 0 ? baik / target : null, met: target > 0 && baik >= target }
}
