/** The shape of one resource's printer: its columns and how to turn an object into a row. */
import type { Obj } from './format.js';
import type { TableCell, TableColumnDefinition, TableRowCondition } from './types.js';

export interface PrintedRow {
  cells: TableCell[];
  conditions?: TableRowCondition[];
}

/**
 * A server-side printer, as in kubernetes pkg/printers/internalversion. Rows always carry every column, wide ones
 * included: the API server prints with `Wide: true` and kubectl hides `priority > 0` columns itself.
 */
export interface Printer {
  readonly columns: readonly TableColumnDefinition[];
  /** Builds a row. `now` is the current time in ms since the epoch; ages are measured against it. */
  row(object: Obj, now: number): PrintedRow;
}
