import { describe, expect, it } from 'vitest';
import { FieldsV1Error } from './errors.js';
import { FieldPathSet } from './field-path-set.js';
import { borrowFieldSet, fieldSetFromFieldsV1, fieldSetToFieldsV1, fieldSetToJson } from './fields-v1.js';
import type { JsonObject } from './go-json.js';
import { fieldElement, fieldPath, keyElement, pathToString, valueElement } from './path.js';

// FieldsV1 documents as real clusters store them (kubectl create, kube-controller-manager, kubelet, kubectl apply).
const REAL_CLUSTER_EXAMPLES = {
  kubectlCreateDeployment:
    '{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:progressDeadlineSeconds":{},"f:replicas":{},' +
    '"f:revisionHistoryLimit":{},"f:selector":{},"f:strategy":{"f:rollingUpdate":{".":{},"f:maxSurge":{},' +
    '"f:maxUnavailable":{}},"f:type":{}},"f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":' +
    '{"f:containers":{"k:{\\"name\\":\\"nginx\\"}":{".":{},"f:image":{},"f:imagePullPolicy":{},"f:name":{},' +
    '"f:resources":{},"f:terminationMessagePath":{},"f:terminationMessagePolicy":{}}},"f:dnsPolicy":{},' +
    '"f:restartPolicy":{},"f:schedulerName":{},"f:securityContext":{},"f:terminationGracePeriodSeconds":{}}}}}',
  controllerManagerDeploymentStatus:
    '{"f:metadata":{"f:annotations":{".":{},"f:deployment.kubernetes.io/revision":{}}},"f:status":' +
    '{"f:availableReplicas":{},"f:conditions":{".":{},"k:{\\"type\\":\\"Available\\"}":{".":{},' +
    '"f:lastTransitionTime":{},"f:lastUpdateTime":{},"f:message":{},"f:reason":{},"f:status":{},"f:type":{}},' +
    '"k:{\\"type\\":\\"Progressing\\"}":{".":{},"f:lastTransitionTime":{},"f:lastUpdateTime":{},"f:message":{},' +
    '"f:reason":{},"f:status":{},"f:type":{}}},"f:observedGeneration":{},"f:readyReplicas":{},"f:replicas":{},' +
    '"f:updatedReplicas":{}}}',
  kubeletPodStatus:
    '{"f:status":{"f:conditions":{"k:{\\"type\\":\\"ContainersReady\\"}":{".":{},"f:lastProbeTime":{},' +
    '"f:lastTransitionTime":{},"f:status":{},"f:type":{}}},"f:containerStatuses":{},"f:hostIP":{},"f:phase":{},' +
    '"f:podIP":{},"f:podIPs":{".":{},"k:{\\"ip\\":\\"10.244.0.5\\"}":{".":{},"f:ip":{}}},"f:startTime":{}}}',
  containerPorts:
    '{"f:spec":{"f:containers":{"k:{\\"name\\":\\"web\\"}":{".":{},"f:image":{},"f:name":{},"f:ports":{".":{},' +
    '"k:{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:containerPort":{},"f:protocol":{}}}}}}}',
  finalizers: '{"f:metadata":{"f:finalizers":{".":{},"v:\\"kubernetes.io/pvc-protection\\"":{}}}}',
  serverSideApply:
    '{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:template":{"f:spec":{"f:containers":' +
    '{"k:{\\"name\\":\\"nginx\\"}":{".":{},"f:image":{},"f:name":{}}}}}}}',
};

describe('FieldsV1 codec', () => {
  for (const [name, json] of Object.entries(REAL_CLUSTER_EXAMPLES)) {
    it(`round-trips ${name} byte for byte`, () => {
      const set = fieldSetFromFieldsV1(json);
      expect(fieldSetToJson(set)).toBe(json);
      expect(JSON.stringify(fieldSetToFieldsV1(set))).toBe(json);
      expect(fieldSetFromFieldsV1(JSON.parse(json)).equals(set)).toBe(true);
    });
  }

  it('decodes "." as membership of the enclosing field and {} as a leaf member', () => {
    const set = fieldSetFromFieldsV1(REAL_CLUSTER_EXAMPLES.containerPorts);
    expect(set.paths().map(pathToString)).toEqual([
      '.spec.containers[name="web"]',
      '.spec.containers[name="web"].image',
      '.spec.containers[name="web"].name',
      '.spec.containers[name="web"].ports',
      '.spec.containers[name="web"].ports[containerPort=80,protocol="TCP"]',
      '.spec.containers[name="web"].ports[containerPort=80,protocol="TCP"].containerPort',
      '.spec.containers[name="web"].ports[containerPort=80,protocol="TCP"].protocol',
    ]);
  });

  it('writes "." first, field names before keys before values, keys as HTML-safe JSON with sorted names, field names raw', () => {
    const c = keyElement({ protocol: 'TCP', containerPort: 8080 });
    const set = FieldPathSet.fromPaths([
      [fieldElement('spec'), fieldElement('ports'), c, fieldElement('protocol')],
      [fieldElement('spec'), fieldElement('ports'), c],
      [fieldElement('spec'), fieldElement('ports'), fieldElement('x')],
      [fieldElement('spec'), fieldElement('tags'), valueElement('b')],
      [fieldElement('spec'), fieldElement('tags'), valueElement(1)],
      [fieldElement('spec')],
      [fieldElement('metadata'), fieldElement('labels'), fieldElement('a<b')],
      [fieldElement('spec'), fieldElement('items'), keyElement({ name: 'x<y' })],
    ]);
    expect(fieldSetToJson(set)).toBe(
      '{"f:metadata":{"f:labels":{"f:a<b":{}}},"f:spec":{".":{},"f:items":{"k:{\\"name\\":\\"x\\\\u003cy\\"}":{}},' +
        '"f:ports":{"f:x":{},"k:{\\"containerPort\\":8080,\\"protocol\\":\\"TCP\\"}":{".":{},"f:protocol":{}}},' +
        '"f:tags":{"v:1":{},"v:\\"b\\"":{}}}}',
    );
  });

  it('encodes the empty set as {}', () => {
    expect(fieldSetToJson(FieldPathSet.empty())).toBe('{}');
    expect(fieldSetFromFieldsV1('{}').isEmpty()).toBe(true);
  });

  it('drops keys of an unknown element type, as a newer server may write them', () => {
    const set = fieldSetFromFieldsV1('{"f:spec":{"f:a":{},"z:future":{}}}');
    expect(fieldSetToJson(set)).toBe('{"f:spec":{"f:a":{}}}');
  });

  it.each([
    ['not JSON', '{"f:a":'],
    ['not an object', '[]'],
    ['a key without colon', '{"fa":{}}'],
    ['a one-character key', '{"f":{}}'],
    ['a k: key that is not an object', '{"k:[1]":{}}'],
    ['a k: key with trailing data', '{"k:{\\"a\\":1}x":{}}'],
    ['a v: key that is not JSON', '{"v:nope":{}}'],
    ['an i: key that is not a number', '{"i:x":{}}'],
    ['a value that is not an object', '{"f:a":1}'],
  ])('rejects %s with FieldsV1Error', (_name, json) => {
    expect(() => fieldSetFromFieldsV1(json)).toThrow(FieldsV1Error);
  });

  it('reads i: index elements', () => {
    const set = fieldSetFromFieldsV1('{"f:args":{"i:0":{}}}');
    expect(set.paths().map(pathToString)).toEqual(['.args[0]']);
    expect(set.has(fieldPath('args'))).toBe(false);
  });
});

describe('borrowed FieldsV1 sets', () => {
  const NON_CANONICAL = [
    '{"f:spec":{"f:b":{},"f:a":{}}}',
    '{"f:spec":{"f:a":null}}',
    '{"f:spec":{"f:a":{".":{}}}}',
    '{"f:spec":{"f:a":{},"z:future":{}}}',
    '{"f:spec":{"f:a":{},".":{}}}',
    '{"f:ports":{"k:{\\"protocol\\":\\"TCP\\",\\"port\\":80}":{}}}',
    '{"f:ports":{"k:{\\"port\\": 80}":{},"k:{\\"port\\":80}":{"f:x":{}}}}',
    '{"f:args":{"i:01":{}}}',
    '{".":{},"f:a":{}}',
  ];

  it.each([...Object.values(REAL_CLUSTER_EXAMPLES), ...NON_CANONICAL])('read %s as the eager decoder does', (json) => {
    const eager = fieldSetFromFieldsV1(json);
    const borrowed = borrowFieldSet(JSON.parse(json) as JsonObject);
    expect(borrowed.equals(eager)).toBe(true);
    expect(borrowed.toString()).toBe(eager.toString());
    expect(JSON.stringify(fieldSetToFieldsV1(borrowed))).toBe(fieldSetToJson(eager));
    expect(JSON.stringify(fieldSetToFieldsV1(borrowed.union(fieldSetFromFieldsV1('{"f:zz":{}}'))))).toBe(
      fieldSetToJson(eager.union(fieldSetFromFieldsV1('{"f:zz":{}}'))),
    );
  });

  it('encodes an unchanged canonical document as a copy of it', () => {
    const doc = JSON.parse(REAL_CLUSTER_EXAMPLES.containerPorts) as JsonObject;
    const out = fieldSetToFieldsV1(borrowFieldSet(doc));
    expect(out).toEqual(doc);
    expect(out).not.toBe(doc);
    expect(out['f:spec']).not.toBe(doc['f:spec']);
  });

  it.each([
    ['a key without colon', '{"f:a":{"fa":{}}}', 'parsing key as path element at /f:a: missing colon: fa'],
    ['a value that is not an object', '{"f:a":{"f:b":1}}', 'value of "f:b" at /f:a must be an object, got number'],
  ])('rejects %s at once, as the eager decoder does', (_name, json, message) => {
    expect(() => fieldSetFromFieldsV1(json)).toThrow(message);
    expect(() => borrowFieldSet(JSON.parse(json) as JsonObject)).toThrow(message);
  });
});
