import { expect } from 'vitest'
import { AppError, type Issue } from '../../src/core/errors'

/** The AppError `fn` throws when it refuses; fails the test when it returns or throws anything else. */
export function thrownAppError(fn: () => unknown): AppError {
  try {
    fn()
  } catch (err) {
    expect(err).toBeInstanceOf(AppError)
    return err as AppError
  }
  throw new Error('expected the call to be refused')
}

/**
 * One problem as a refusal names it: [row, column, message], or [column, message] for a problem with no
 * row. A RegExp message must match; a string must be the whole message.
 */
export type IssueAt =
  readonly [row: number, column: string, message: string | RegExp] | readonly [column: string, message: string | RegExp]

/**
 * The refusal's problems (an error body's `details`, or an import's `errors`) are exactly these, in this
 * order: each with its row (or none), its column and its message.
 */
export function expectIssues(found: readonly Issue[] | undefined, ...issues: IssueAt[]): void {
  expect(found).toEqual(
    issues.map((at) => {
      const [row, column, message] = at.length === 3 ? at : [undefined, ...at]
      return {
        ...(row === undefined ? {} : { row }),
        column,
        message: typeof message === 'string' ? message : expect.stringMatching(message),
      }
    }),
  )
}
