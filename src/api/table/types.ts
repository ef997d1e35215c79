/** meta.k8s.io/v1 Table, as the API server sends it for `Accept: application/json;as=Table;g=meta.k8s.io;v=v1`. */
import type { ObjectMeta } from '../meta.js';

/** A column; `priority > 0` columns are shown by kubectl only with `-o wide`. All fields are always present. */
export interface TableColumnDefinition {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format: string;
  description: string;
  priority: number;
}

export type TableCell = string | number | boolean;

export interface TableRowCondition {
  type: 'Completed';
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

export interface PartialObjectMetadata {
  kind: 'PartialObjectMetadata';
  apiVersion: string;
  metadata: ObjectMeta;
}

export interface TableRow {
  cells: TableCell[];
  conditions?: TableRowCondition[];
  /** The full object, its PartialObjectMetadata, or null, per the request's `includeObject`. */
  object: Record<string, unknown> | PartialObjectMetadata | null;
}

export interface Table {
  kind: 'Table';
  apiVersion: string;
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

/** What a row may carry besides the object: `Object` (whole), `Metadata` (default), `None`. */
export type IncludeObjectPolicy = 'Object' | 'Metadata' | 'None';
