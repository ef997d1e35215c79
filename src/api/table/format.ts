/**
 * Helpers shared by the printers: tolerant readers for JSON objects (a missing or mistyped field reads as Go's zero
 * value, never throws), label/selector formatting as k8s.io/apimachinery prints it, and column definitions.
 */
import type { TableColumnDefinition } from './types.js';

export type Obj = Record<string, unknown>;

const EMPTY: Obj = Object.freeze({}) as Obj;

export function obj(v: unknown): Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : EMPTY;
}

export function list(v: unknown): Obj[] {
  return Array.isArray(v) ? v.map(obj) : [];
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export function int(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 0;
}

export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** True when the field is set (Go: a non-nil pointer). */
export function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** `labels.FormatLabels`: `k1=v1,k2=v2` sorted by key, `<none>` when empty. */
export function formatLabels(labels: unknown): string {
  const entries = Object.entries(obj(labels)).filter(([, v]) => typeof v === 'string');
  if (entries.length === 0) return '<none>';
  return entries
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v as string}`)
    .join(',');
}

/**
 * `metav1.LabelSelectorAsSelector(sel).String()`: requirements sorted by key, `k=v`, `k in (a,b)`, `k notin (a,b)`,
 * `k`, `!k`. Returns undefined for an invalid selector (unknown operator, In/NotIn without values); `''` for a
 * missing or empty selector.
 */
export function labelSelectorString(selector: unknown): string | undefined {
  if (!isSet(selector)) return '';
  const sel = obj(selector);
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(obj(sel.matchLabels))) reqs.push({ key: k, text: `${k}=${str(v)}` });
  for (const expr of list(sel.matchExpressions)) {
    const key = str(expr.key);
    const values = strings(expr.values).sort();
    switch (expr.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) return undefined;
        reqs.push({ key, text: `${key} ${expr.operator === 'In' ? 'in' : 'notin'} (${values.join(',')})` });
        break;
      case 'Exists':
        reqs.push({ key, text: key });
        break;
      case 'DoesNotExist':
        reqs.push({ key, text: `!${key}` });
        break;
      default:
        return undefined;
    }
  }
  return reqs
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((r) => r.text)
    .join(',');
}

/** `metav1.FormatLabelSelector`: like labelSelectorString, but `<none>` when empty and `<error>` when invalid. */
export function formatLabelSelector(selector: unknown): string {
  const s = labelSelectorString(selector);
  if (s === undefined) return '<error>';
  return s === '' ? '<none>' : s;
}

/** `layoutContainerCells`: container names and images, comma-separated. */
export function containerCells(podSpec: unknown): [string, string] {
  const containers = list(obj(podSpec).containers);
  return [containers.map((c) => str(c.name)).join(','), containers.map((c) => str(c.image)).join(',')];
}

export interface ColumnOptions {
  format?: string;
  priority?: number;
}

export function column(
  name: string,
  type: TableColumnDefinition['type'],
  description: string,
  opts: ColumnOptions = {},
): TableColumnDefinition {
  return { name, type, format: opts.format ?? '', description, priority: opts.priority ?? 0 };
}

/** Column descriptions shared by most printers. */
export const DESCRIBE = {
  name: 'Name must be unique within a namespace; it identifies the object.',
  age: 'CreationTimestamp is the server time when this object was created, shown as its age.',
  containers: 'Names of each container in the template.',
  images: 'Images referenced by each container in the template.',
  selector: 'A label query over pods that are managed by this object.',
} as const;

export const NAME_COLUMN = column('Name', 'string', DESCRIBE.name, { format: 'name' });
export const AGE_COLUMN = column('Age', 'string', DESCRIBE.age);
