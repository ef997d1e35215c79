/**
 * Server-side Table output (meta.k8s.io/v1 `Table`), as the API server answers `kubectl get`:
 * one printer per group/resource (the Kubernetes printers), the default Name/Created At table for everything else,
 * and rows carrying the object per the request's `includeObject` (default `Metadata` → PartialObjectMetadata).
 * Pure: the current time is passed in.
 */
import { badRequest } from '../../machinery/index.js';
import type { ObjectMeta } from '../meta.js';
import { obj, type Obj } from './format.js';
import { podPrinter } from './print-pods.js';
import {
  configMapPrinter,
  endpointsPrinter,
  namespacePrinter,
  nodePrinter,
  replicationControllerPrinter,
  secretPrinter,
  serviceAccountPrinter,
  servicePrinter,
} from './print-core.js';
import { eventPrinter } from './print-events.js';
import {
  clusterRoleBindingPrinter,
  defaultPrinter,
  endpointSlicePrinter,
  leasePrinter,
  podDisruptionBudgetPrinter,
  priorityClassPrinter,
  roleBindingPrinter,
} from './print-misc.js';
import {
  controllerRevisionPrinter,
  cronJobPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  jobPrinter,
  replicaSetPrinter,
  statefulSetPrinter,
} from './print-workloads.js';
import type { Printer } from './printer.js';
import type { IncludeObjectPolicy, Table, TableCell, TableColumnDefinition, TableRow } from './types.js';

/** `group/resource` (core group: empty) → printer. */
const PRINTERS: ReadonlyMap<string, Printer> = new Map([
  ['/pods', podPrinter],
  ['/services', servicePrinter],
  ['/endpoints', endpointsPrinter],
  ['/nodes', nodePrinter],
  ['/namespaces', namespacePrinter],
  ['/events', eventPrinter],
  ['/configmaps', configMapPrinter],
  ['/secrets', secretPrinter],
  ['/serviceaccounts', serviceAccountPrinter],
  ['/replicationcontrollers', replicationControllerPrinter],
  ['apps/deployments', deploymentPrinter],
  ['apps/replicasets', replicaSetPrinter],
  ['apps/statefulsets', statefulSetPrinter],
  ['apps/daemonsets', daemonSetPrinter],
  ['apps/controllerrevisions', controllerRevisionPrinter],
  ['batch/jobs', jobPrinter],
  ['batch/cronjobs', cronJobPrinter],
  ['events.k8s.io/events', eventPrinter],
  ['coordination.k8s.io/leases', leasePrinter],
  ['discovery.k8s.io/endpointslices', endpointSlicePrinter],
  ['rbac.authorization.k8s.io/rolebindings', roleBindingPrinter],
  ['rbac.authorization.k8s.io/clusterrolebindings', clusterRoleBindingPrinter],
  ['scheduling.k8s.io/priorityclasses', priorityClassPrinter],
  ['policy/poddisruptionbudgets', podDisruptionBudgetPrinter],
]);

function printerFor(group: string, resource: string): Printer {
  return PRINTERS.get(`${group}/${resource}`) ?? defaultPrinter;
}

/** Whether the resource has its own printer (otherwise the default Name / Created At table applies). */
export function hasTablePrinter(group: string, resource: string): boolean {
  return PRINTERS.has(`${group}/${resource}`);
}

/** Column definitions for a resource; a fresh copy on every call. */
export function tableColumnsFor(group: string, resource: string): TableColumnDefinition[] {
  return printerFor(group, resource).columns.map((c) => ({ ...c }));
}

/** The cells of one object's row, wide columns included, ages measured at `now` (ms since the epoch). */
export function tableRow(group: string, resource: string, object: Obj, now: number): TableCell[] {
  return printerFor(group, resource).row(object, now).cells;
}

export interface ToTableOptions {
  /** Current time, ms since the epoch. */
  now: number;
  /** The request's `includeObject` parameter; empty or absent means `Metadata`, as in the API server. */
  includeObject?: string;
  /** ListMeta of the list being converted. */
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
  /** `TableOptions.noHeaders`: leave out the column definitions (e.g. watch events after the first). */
  noHeaders?: boolean;
  /** Table version the client asked for: `v1` (default) or `v1beta1`. */
  tableVersion?: 'v1' | 'v1beta1';
}

function includePolicy(value: string | undefined): IncludeObjectPolicy {
  if (value === undefined || value === '' || value === 'Metadata') return 'Metadata';
  if (value === 'Object' || value === 'None') return value;
  throw badRequest(`unrecognized includeObject value: ${JSON.stringify(value)}`);
}

/**
 * Converts objects of one resource to a Table. Rows keep the objects' order. Throws a 400 ApiError for an
 * unrecognised `includeObject`.
 */
export function toTable(group: string, resource: string, objects: readonly Obj[], opts: ToTableOptions): Table {
  const printer = printerFor(group, resource);
  const policy = includePolicy(opts.includeObject);
  const apiVersion = `meta.k8s.io/${opts.tableVersion ?? 'v1'}`;
  const rows = objects.map((o): TableRow => {
    const printed = printer.row(o, opts.now);
    const row: TableRow = { cells: printed.cells, object: null };
    if (printed.conditions) row.conditions = printed.conditions;
    if (policy === 'Object') row.object = o;
    else if (policy === 'Metadata') {
      row.object = { kind: 'PartialObjectMetadata', apiVersion, metadata: { ...obj(o.metadata) } as ObjectMeta };
    }
    return row;
  });
  const metadata: Table['metadata'] = {};
  if (opts.resourceVersion) metadata.resourceVersion = opts.resourceVersion;
  if (opts.continue) metadata.continue = opts.continue;
  if (opts.remainingItemCount !== undefined) metadata.remainingItemCount = opts.remainingItemCount;
  return {
    kind: 'Table',
    apiVersion,
    metadata,
    columnDefinitions: opts.noHeaders ? [] : printer.columns.map((c) => ({ ...c })),
    rows,
  };
}
