/**
 * Printers for apps/v1 and batch/v1 workloads: deployments, replicasets, statefulsets, daemonsets,
 * controllerrevisions, jobs and cronjobs (kubernetes pkg/printers/internalversion).
 */
import { ageSince, humanDuration, parseTimestamp } from './duration.js';
import {
  AGE_COLUMN,
  DESCRIBE,
  NAME_COLUMN,
  column,
  containerCells,
  formatLabelSelector,
  formatLabels,
  int,
  isSet,
  labelSelectorString,
  list,
  obj,
  str,
  type Obj,
} from './format.js';
import type { Printer } from './printer.js';

const meta = (o: Obj) => obj(o.metadata);
const age = (o: Obj, now: number) => ageSince(meta(o).creationTimestamp, now);
const templateSpec = (spec: Obj) => obj(obj(spec.template).spec);
const CONTAINERS = column('Containers', 'string', DESCRIBE.containers, { priority: 1 });
const IMAGES = column('Images', 'string', DESCRIBE.images, { priority: 1 });
const SELECTOR = column('Selector', 'string', DESCRIBE.selector, { priority: 1 });

export const deploymentPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'string', 'Number of the pod with ready state'),
    column('Up-to-date', 'string', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
    column('Available', 'string', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'),
    AGE_COLUMN,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  row(d, now) {
    const spec = obj(d.spec);
    const status = obj(d.status);
    const [names, images] = containerCells(templateSpec(spec));
    return {
      cells: [
        str(meta(d).name),
        `${int(status.readyReplicas)}/${int(spec.replicas)}`,
        int(status.updatedReplicas),
        int(status.availableReplicas),
        age(d, now),
        names,
        images,
        labelSelectorString(spec.selector) ?? '<invalid>',
      ],
    };
  },
};

export const replicaSetPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Desired', 'integer', 'Replicas is the number of desired replicas.'),
    column('Current', 'integer', 'Replicas is the most recently observed number of replicas.'),
    column('Ready', 'integer', 'The number of ready replicas for this replica set.'),
    AGE_COLUMN,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  row(rs, now) {
    const spec = obj(rs.spec);
    const status = obj(rs.status);
    const [names, images] = containerCells(templateSpec(spec));
    return {
      cells: [
        str(meta(rs).name),
        int(spec.replicas),
        int(status.replicas),
        int(status.readyReplicas),
        age(rs, now),
        names,
        images,
        formatLabelSelector(spec.selector),
      ],
    };
  },
};

export const statefulSetPrinter: Printer = {
  columns: [NAME_COLUMN, column('Ready', 'string', 'Number of the pod with ready state'), AGE_COLUMN, CONTAINERS, IMAGES],
  row(ss, now) {
    const spec = obj(ss.spec);
    const [names, images] = containerCells(templateSpec(spec));
    return {
      cells: [str(meta(ss).name), `${int(obj(ss.status).readyReplicas)}/${int(spec.replicas)}`, age(ss, now), names, images],
    };
  },
};

export const daemonSetPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Desired', 'integer', 'The total number of nodes that should be running the daemon pod.'),
    column('Current', 'integer', 'The number of nodes running at least one daemon pod that are supposed to.'),
    column('Ready', 'integer', 'The number of nodes running the daemon pod with a Ready condition.'),
    column('Up-to-date', 'integer', 'The number of nodes running the updated daemon pod.'),
    column('Available', 'integer', 'The number of nodes running the daemon pod available for at least minReadySeconds.'),
    column('Node Selector', 'string', 'The node selector of the pod template.'),
    AGE_COLUMN,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  row(ds, now) {
    const spec = obj(ds.spec);
    const status = obj(ds.status);
    const [names, images] = containerCells(templateSpec(spec));
    return {
      cells: [
        str(meta(ds).name),
        int(status.desiredNumberScheduled),
        int(status.currentNumberScheduled),
        int(status.numberReady),
        int(status.updatedNumberScheduled),
        int(status.numberAvailable),
        formatLabels(templateSpec(spec).nodeSelector),
        age(ds, now),
        names,
        images,
        formatLabelSelector(spec.selector),
      ],
    };
  },
};

export const controllerRevisionPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Controller', 'string', 'Controller of the object'),
    column('Revision', 'string', 'Revision indicates the revision of the state represented by Data.'),
    AGE_COLUMN,
  ],
  row(cr, now) {
    const owner = list(meta(cr).ownerReferences).find((r) => r.controller === true);
    let controller = '<none>';
    if (owner) {
      const apiVersion = str(owner.apiVersion);
      const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
      const kind = str(owner.kind);
      const groupKind = group ? `${kind}.${group}` : kind;
      controller = groupKind ? `${groupKind.toLowerCase()}/${str(owner.name)}` : str(owner.name);
    }
    return { cells: [str(meta(cr).name), controller, int(cr.revision), age(cr, now)] };
  },
};

function jobCondition(job: Obj, type: string): boolean {
  const c = list(obj(job.status).conditions).find((x) => x.type === type);
  return c !== undefined && c.status === 'True';
}

export const jobPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Status', 'string', 'Status of the job.'),
    column('Completions', 'string', 'The number of pods which reached phase Succeeded.'),
    column('Duration', 'string', 'Time required to complete the job.'),
    AGE_COLUMN,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  row(job, now) {
    const spec = obj(job.spec);
    const status = obj(job.status);
    const succeeded = int(status.succeeded);
    let completions: string;
    if (isSet(spec.completions)) completions = `${succeeded}/${int(spec.completions)}`;
    else if (int(spec.parallelism) > 1) completions = `${succeeded}/1 of ${int(spec.parallelism)}`;
    else completions = `${succeeded}/1`;
    const start = parseTimestamp(status.startTime);
    const end = parseTimestamp(status.completionTime);
    const duration = start === undefined ? '' : humanDuration((end ?? now) - start);
    let state = 'Running';
    if (jobCondition(job, 'Complete')) state = 'Complete';
    else if (jobCondition(job, 'Failed')) state = 'Failed';
    else if (isSet(meta(job).deletionTimestamp)) state = 'Terminating';
    else if (jobCondition(job, 'Suspended')) state = 'Suspended';
    else if (jobCondition(job, 'FailureTarget')) state = 'FailureTarget';
    const [names, images] = containerCells(templateSpec(spec));
    return {
      cells: [str(meta(job).name), state, completions, duration, age(job, now), names, images, formatLabelSelector(spec.selector)],
    };
  },
};

export const cronJobPrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('Schedule', 'string', 'The schedule in Cron format.'),
    column('Timezone', 'string', 'The time zone name for the given schedule.'),
    column('Suspend', 'boolean', 'Whether subsequent executions are suspended.'),
    column('Active', 'integer', 'The number of currently running jobs.'),
    column('Last Schedule', 'string', 'When the job was last successfully scheduled.'),
    AGE_COLUMN,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  row(cj, now) {
    const spec = obj(cj.spec);
    const status = obj(cj.status);
    const jobSpec = obj(obj(spec.jobTemplate).spec);
    const suspend = typeof spec.suspend === 'boolean' ? (spec.suspend ? 'True' : 'False') : '<unset>';
    const lastSchedule = isSet(status.lastScheduleTime) ? ageSince(status.lastScheduleTime, now) : '<none>';
    const [names, images] = containerCells(templateSpec(jobSpec));
    return {
      cells: [
        str(meta(cj).name),
        str(spec.schedule),
        isSet(spec.timeZone) ? str(spec.timeZone) : '<none>',
        suspend,
        list(status.active).length,
        lastSchedule,
        age(cj, now),
        names,
        images,
        formatLabelSelector(jobSpec.selector),
      ],
    };
  },
};
