import { expect } from 'vitest'
import { AppError } from '../../src/core/errors'

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
