/**
 * Printers for coordination (leases), discovery (endpointslices), RBAC bindings, scheduling (priorityclasses) and
 * policy (poddisruptionbudgets), plus the API server's default table (`rest.NewDefaultTableConvertor`: Name and
 * Created At) used for every resource without a printer — roles and clusterroles among them.
 */
import { ageSince, parseTimestamp } from './duration.js';
import { AGE_COLUMN, NAME_COLUMN, column, int, isSet, list, obj, str, type Obj } from './format.js';
import type { Printer } from './printer.js';

const meta = (o: Obj) => obj(o.metadata);
const age = (o: Obj, now: number) => ageSince(meta(o).creationTimestamp, now);

export const leasePrinter: Printer = {
  columns: [NAME_COLUMN, column('Holder', 'string', 'The identity of the holder of a current lease.'), AGE_COLUMN],
  row: (l, now) => ({ cells: [str(meta(l).name), str(obj(l.spec).holderIdentity), age(l, now)] }),
};

/** `listWithMoreString`: up to three items, then ` + N more...`; `<unset>` when there are none. */
function listWithMore(items: string[]): string {
  const max = 3;
  const text = items.slice(0, max).join(',');
  if (items.length > max) return `${text} + ${items.length - max} more...`;
  return text === '' ? '<unset>' : text;
}

export const endpointSlicePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('AddressType', 'string', 'The type of address carried by this EndpointSlice.'),
    column('Ports', 'string', 'The network ports exposed by each endpoint.'),
    column('Endpoints', 'string', 'The addresses of the endpoints in this slice.'),
    AGE_COLUMN,
  ],
  row(slice, now) {
    const ports = list(slice.ports).map((p) => (typeof p.port === 'number' ? String(int(p.port)) : isSet(p.name) ? str(p.name) : '*'));
    const addresses = list(slice.endpoints).flatMap((e) => (Array.isArray(e.addresses) ? e.addresses.map(str) : []));
    return { cells: [str(meta(slice).name), str(slice.addressType), listWithMore(ports), listWithMore(addresses), age(slice, now)] };
  },
};

/** `rbac.SubjectsStrings`: users, groups and `namespace/name` service accounts, each joined with ", ". */
function subjects(binding: Obj): [string, string, string] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of list(binding.subjects)) {
    if (s.kind === 'User') users.push(str(s.name));
    else if (s.kind === 'Group') groups.push(str(s.name));
    else if (s.kind === 'ServiceAccount') sas.push(`${str(s.namespace)}/${str(s.name)}`);
  }
  return [users.join(', '), groups.join(', '), sas.join(', ')];
}

function bindingPrinter(what: string): Printer {
  return {
    columns: [
      NAME_COLUMN,
      column('Role', 'string', 'The Role or ClusterRole this binding refers to.'),
      AGE_COLUMN,
      column('Users', 'string', `Users in the ${what}`, { priority: 1 }),
      column('Groups', 'string', `Groups in the ${what}`, { priority: 1 }),
      column('ServiceAccounts', 'string', `ServiceAccounts in the ${what}`, { priority: 1 }),
    ],
    row(b, now) {
      const ref = obj(b.roleRef);
      return { cells: [str(meta(b).name), `${str(ref.kind)}/${str(ref.name)}`, age(b, now), ...subjects(b)] };
    },
  };
}

export const roleBindingPrinter = bindingPrinter('roleBinding');
export const clusterRoleBindingPrinter = bindingPrinter('clusterRoleBinding');

export const priorityClassPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Value', 'integer', 'The priority value of pods using this class.'),
    column('Global-Default', 'boolean', 'Whether this is the default priority for pods without a class.'),
    AGE_COLUMN,
    column('PreemptionPolicy', 'string', 'The policy for preempting lower-priority pods.'),
  ],
  row: (pc, now) => ({
    cells: [str(meta(pc).name), int(pc.value), pc.globalDefault === true, age(pc, now), str(pc.preemptionPolicy)],
  }),
};

/** IntOrString as Go's String() prints it, or N/A when unset. */
const intOrString = (v: unknown) => (typeof v === 'number' ? String(int(v)) : typeof v === 'string' ? v : 'N/A');

export const podDisruptionBudgetPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Min Available', 'string', 'The minimum number of pods that must be available.'),
    column('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'),
    column('Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time.'),
    AGE_COLUMN,
  ],
  row(pdb, now) {
    const spec = obj(pdb.spec);
    return {
      cells: [
        str(meta(pdb).name),
        intOrString(spec.minAvailable),
        intOrString(spec.maxUnavailable),
        int(obj(pdb.status).disruptionsAllowed),
        age(pdb, now),
      ],
    };
  },
};

/** Go's zero time, as the default convertor prints an unset creationTimestamp. */
const ZERO_TIME = '0001-01-01T00:00:00Z';

export const defaultPrinter: Printer = {
  columns: [NAME_COLUMN, column('Created At', 'date', 'CreationTimestamp is the server time when this object was created.')],
  row(o) {
    const created = parseTimestamp(meta(o).creationTimestamp);
    const text = created === undefined ? ZERO_TIME : new Date(created).toISOString().replace(/\.\d{3}Z$/, 'Z');
    return { cells: [str(meta(o).name), text] };
  },
};
