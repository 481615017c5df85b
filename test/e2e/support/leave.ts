import type { Page } from 'playwright-core'

/** The app's question before a page with unsaved entries goes (src/ui/components/LeaveQuestion.tsx). */
export const leaveQuestion = (page: Page) => page.getByRole('dialog', { name: 'Tinggalkan halaman ini?' })

/** Waits for that question, answers it (stay or leave) and returns what it said. */
export async function answerLeave(page: Page, answer: 'stay' | 'leave'): Promise<string> {
  const ask = leaveQuestion(page)
  await ask.waitFor()
  const said = (await ask.getByTestId('pertanyaan-tinggalkan').textContent()) ?? ''
  await ask.getByRole('button', { name: answer === 'leave' ? 'Tinggalkan halaman' : 'Tetap di halaman ini' }).click()
  await ask.waitFor({ state: 'hidden' })
  return said
}
