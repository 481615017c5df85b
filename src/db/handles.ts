import type Database from 'better-sqlite3'

/**
 * Connections typed by what they may do (Signal Desktop's ReadableDB/WritableDB). A function that only
 * reads takes a ReadableDB; one that writes takes a WritableDB. The app's own connection is writable;
 * the connection a long job's worker thread opens (openReadOnly) is only readable, so a long job cannot
 * call a write: the compiler refuses it before SQLite would.
 *
 * The brands exist only for the type checker. A WritableDB is accepted wherever a ReadableDB is.
 */
declare const readableBrand: unique symbol
declare const writableBrand: unique symbol

export type ReadableDB = Database.Database & { readonly [readableBrand]: true }
export type WritableDB = ReadableDB & { readonly [writableBrand]: true }

/** Brands a connection opened read-write (openDatabase). */
export const asWritable = (db: Database.Database): WritableDB => db as WritableDB

/** Brands a connection opened with { readonly: true } (openReadOnly, inspecting a backup). */
export const asReadable = (db: Database.Database): ReadableDB => db as ReadableDB
