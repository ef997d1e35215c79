/** Server-side Table output (meta.k8s.io/v1 Table) with Kubernetes' own printers. */
export { toTable, tableColumnsFor, tableRow, hasTablePrinter, type ToTableOptions } from './table.js';
export { humanDuration, shortHumanDuration } from './duration.js';
export type {
  Table,
  TableCell,
  TableColumnDefinition,
  TableRow,
  TableRowCondition,
  PartialObjectMetadata,
  IncludeObjectPolicy,
} from './types.js';
