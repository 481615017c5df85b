import type { Locator, Page } from 'playwright-core'

/** The one question before an irreversible step (components/ConfirmPaper): a handover, a destruction, a numbered paper. */
export const confirmPaperDialog = (page: Page): Locator =>
  page.getByRole('dialog').filter({ has: page.getByTestId('confirm-paper') })

/** Answers the one question before a numbered document is issued ("Terbitkan …?") and waits until it has gone. */
export async function confirmIssue(page: Page, label: string): Promise<void> {
  const ask = page.getByRole('dialog', { name: `${label}?` })
  await ask.getByRole('button', { name: label, exact: true }).click()
  await ask.waitFor({ state: 'hidden' })
}
