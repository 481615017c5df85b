/**
 * A team (regu) as a sentence names it: "Regu Mawar", once, whether it was entered as "Mawar" or as
 * "Regu Mawar" ("regu Mawar" inside a sentence). Every screen and message that says a team's name in a
 * sentence says it this way.
 */
export const reguName = (nama: string, inSentence = false): string =>
  /^regu\b/i.test(nama.trim()) ? nama.trim() : `${inSentence ? 'regu' : 'Regu'} ${nama}`

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
