/** core/v1 volumes (every source, the legacy in-tree ones included) and PersistentVolumeClaim. */
import { OBJECT_METADATA, type CompactTable } from '../compact.js';

export const coreVolumeDefinitions: CompactTable = {
  'core.PersistentVolumeClaim': {
    d: "PersistentVolumeClaim is a user's request for storage, bound to a PersistentVolume.",
    gvk: ['', 'v1', 'PersistentVolumeClaim'],
    p: {
      metadata: ['meta.ObjectMeta', OBJECT_METADATA],
      spec: ['core.PersistentVolumeClaimSpec', 'Desired characteristics of the requested volume.'],
      status: ['core.PersistentVolumeClaimStatus', 'Current status of the claim; read-only.'],
    },
  },
  'core.PersistentVolumeClaimSpec': {
    d: 'PersistentVolumeClaimSpec describes the storage a claim requests.',
    p: {
      accessModes: ['string[]', 'Access modes the volume must support, such as ReadWriteOnce.', { list: 'atomic', enum: ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'] }],
      selector: ['meta.LabelSelector', 'Label query over the volumes to consider for binding.'],
      resources: ['core.VolumeResourceRequirements', 'Minimum (and maximum) size of the volume.'],
      volumeName: ['string', 'Name of the PersistentVolume to bind to.'],
      storageClassName: ['string', 'Name of the StorageClass to provision from.'],
      volumeMode: ['string', 'Whether the volume is a Filesystem (default) or a raw Block device.', { enum: ['Block', 'Filesystem'] }],
      dataSource: ['core.TypedLocalObjectReference', 'An existing snapshot or claim to populate the new volume from.'],
      dataSourceRef: ['core.TypedObjectReference', 'Any object to populate the new volume from, possibly in another namespace.'],
      volumeAttributesClassName: ['string', 'Name of the VolumeAttributesClass for the claim.'],
    },
  },
  'core.PersistentVolumeClaimStatus': {
    d: 'PersistentVolumeClaimStatus is the observed state of a claim.',
    p: {
      phase: ['string', 'Phase of the claim: Pending, Bound or Lost.', { enum: ['Bound', 'Lost', 'Pending'] }],
      accessModes: ['string[]', 'Access modes of the bound volume.', { list: 'atomic', enum: ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'] }],
      capacity: ['{resource.Quantity}', 'Actual capacity of the bound volume.'],
      conditions: ['core.PersistentVolumeClaimCondition[]', 'Current conditions of the claim, such as Resizing.', { list: 'map', keys: ['type'], merge: 'type', strategy: 'merge' }],
      allocatedResources: ['{resource.Quantity}', 'Resources allocated to the claim, including its capacity during a resize.'],
      allocatedResourceStatuses: ['{string}', 'State of each resource being resized.', { mapType: 'granular' }],
      currentVolumeAttributesClassName: ['string', 'VolumeAttributesClass the claim currently uses.'],
      modifyVolumeStatus: ['core.ModifyVolumeStatus', 'State of an ongoing volume modification.'],
    },
  },
  'core.Volume': {
    d: 'Volume is a named volume of a pod that its containers can mount; exactly one source is set.',
    p: {
      name: ['string', 'Name of the volume, a DNS label unique within the pod.'],
      hostPath: ['core.HostPathVolumeSource', 'A file or directory of the node, mounted directly; mostly for system agents.'],
      emptyDir: ['core.EmptyDirVolumeSource', 'A temporary directory that lives as long as the pod.'],
      gcePersistentDisk: ['core.GCEPersistentDiskVolumeSource', 'Deprecated: a GCE persistent disk; use the CSI driver instead.'],
      awsElasticBlockStore: ['core.AWSElasticBlockStoreVolumeSource', 'Deprecated: an AWS EBS volume; use the CSI driver instead.'],
      gitRepo: ['core.GitRepoVolumeSource', 'Deprecated: a git repository cloned into an empty directory; use an init container instead.'],
      secret: ['core.SecretVolumeSource', 'A Secret projected as files.'],
      nfs: ['core.NFSVolumeSource', 'An NFS share mounted for the life of the pod.'],
      iscsi: ['core.ISCSIVolumeSource', 'An iSCSI disk attached to the node.'],
      glusterfs: ['core.GlusterfsVolumeSource', 'Deprecated: a GlusterFS mount.'],
      persistentVolumeClaim: ['core.PersistentVolumeClaimVolumeSource', "A PersistentVolumeClaim in the pod's namespace."],
      rbd: ['core.RBDVolumeSource', 'Deprecated: a Rados block device.'],
      flexVolume: ['core.FlexVolumeSource', 'Deprecated: a volume provided by an exec-based FlexVolume plugin.'],
      cinder: ['core.CinderVolumeSource', 'Deprecated: an OpenStack Cinder volume; use the CSI driver instead.'],
      cephfs: ['core.CephFSVolumeSource', 'Deprecated: a CephFS mount.'],
      flocker: ['core.FlockerVolumeSource', 'Deprecated: a Flocker volume.'],
      downwardAPI: ['core.DownwardAPIVolumeSource', 'Pod fields and container resources exposed as files.'],
      fc: ['core.FCVolumeSource', 'A Fibre Channel disk attached to the node.'],
      azureFile: ['core.AzureFileVolumeSource', 'Deprecated: an Azure File share; use the CSI driver instead.'],
      configMap: ['core.ConfigMapVolumeSource', 'A ConfigMap projected as files.'],
      vsphereVolume: ['core.VsphereVirtualDiskVolumeSource', 'Deprecated: a vSphere disk; use the CSI driver instead.'],
      quobyte: ['core.QuobyteVolumeSource', 'Deprecated: a Quobyte mount.'],
      azureDisk: ['core.AzureDiskVolumeSource', 'Deprecated: an Azure data disk; use the CSI driver instead.'],
      photonPersistentDisk: ['core.PhotonPersistentDiskVolumeSource', 'Deprecated: a Photon Controller persistent disk.'],
      projected: ['core.ProjectedVolumeSource', 'Secrets, ConfigMaps, downward API data and service account tokens combined in one directory.'],
      portworxVolume: ['core.PortworxVolumeSource', 'Deprecated: a Portworx volume.'],
      scaleIO: ['core.ScaleIOVolumeSource', 'Deprecated: a ScaleIO volume.'],
      storageos: ['core.StorageOSVolumeSource', 'Deprecated: a StorageOS volume.'],
      csi: ['core.CSIVolumeSource', 'An ephemeral volume provided by a CSI driver.'],
      ephemeral: ['core.EphemeralVolumeSource', 'A volume backed by a PersistentVolumeClaim created and deleted with the pod.'],
      image: ['core.ImageVolumeSource', 'An OCI image or artifact mounted read-only.'],
    },
    req: ['name'],
  },
  'core.VolumeResourceRequirements': {
    d: 'VolumeResourceRequirements describes the storage a volume needs.',
    p: {
      limits: ['{resource.Quantity}', 'Maximum amount of each resource.'],
      requests: ['{resource.Quantity}', 'Minimum amount of each resource, such as storage.'],
    },
  },
  'core.TypedLocalObjectReference': {
    d: 'TypedLocalObjectReference names an object of some kind in the same namespace.',
    mapType: 'atomic',
    p: {
      apiGroup: ['string', 'API group of the object; empty for the core group.'],
      kind: ['string', 'Kind of the object.'],
      name: ['string', 'Name of the object.'],
    },
    req: ['kind', 'name'],
  },
  'core.TypedObjectReference': {
    d: 'TypedObjectReference names an object of some kind, possibly in another namespace.',
    p: {
      apiGroup: ['string', 'API group of the object; empty for the core group.'],
      kind: ['string', 'Kind of the object.'],
      name: ['string', 'Name of the object.'],
      namespace: ['string', 'Namespace of the object; another namespace needs a ReferenceGrant.'],
    },
    req: ['kind', 'name'],
  },
  'core.PersistentVolumeClaimCondition': {
    d: 'PersistentVolumeClaimCondition is one condition of a claim.',
    p: {
      type: ['string', 'Type of the condition.'],
      status: ['string', 'Status of the condition: True, False or Unknown.'],
      lastProbeTime: ['meta.Time', 'Last time the condition was probed.'],
      lastTransitionTime: ['meta.Time', 'Last time the status changed.'],
      reason: ['string', 'CamelCase reason for the last transition, e.g. Resizing.'],
      message: ['string', 'Human-readable details about the last transition.'],
    },
    req: ['type', 'status'],
  },
  'core.ModifyVolumeStatus': {
    d: 'ModifyVolumeStatus is the state of a volume attributes modification.',
    p: {
      targetVolumeAttributesClassName: ['string', 'VolumeAttributesClass being applied.'],
      status: ['string', 'Status of the modification: Pending, InProgress or Infeasible.', { enum: ['InProgress', 'Infeasible', 'Pending'] }],
    },
    req: ['status'],
  },
  'core.HostPathVolumeSource': {
    d: 'HostPathVolumeSource maps a path of the node into the pod.',
    p: {
      path: ['string', 'Path on the node; a symlink is followed to its target.'],
      type: ['string', 'What must exist at the path: "" (no check), DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice or BlockDevice.', { enum: ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'] }],
    },
    req: ['path'],
  },
  'core.EmptyDirVolumeSource': {
    d: 'EmptyDirVolumeSource is a temporary directory that lives as long as the pod.',
    p: {
      medium: ['string', 'Storage medium: "" for the node\'s default disk, or Memory for a tmpfs.'],
      sizeLimit: ['resource.Quantity', 'Maximum size of the directory; the pod is evicted when it is exceeded.'],
    },
  },
  'core.SecretVolumeSource': {
    d: 'SecretVolumeSource projects the keys of a Secret as files.',
    p: {
      secretName: ['string', "Name of the Secret in the pod's namespace."],
      items: ['core.KeyToPath[]', 'Keys to project and their file paths; unlisted keys are left out. Without items every key becomes a file.', { list: 'atomic' }],
      defaultMode: ['int32', 'Permission bits of the created files, 0000-0777 in octal; defaults to 0644.'],
      optional: ['boolean', 'Whether the Secret or the listed keys may be missing.'],
    },
  },
  'core.NFSVolumeSource': {
    d: 'NFSVolumeSource mounts an NFS export.',
    p: {
      server: ['string', 'Host name or IP address of the NFS server.'],
      path: ['string', 'Path exported by the server.'],
      readOnly: ['boolean', 'Mount the export read-only; defaults to false.'],
    },
    req: ['server', 'path'],
  },
  'core.PersistentVolumeClaimVolumeSource': {
    d: "PersistentVolumeClaimVolumeSource mounts a PersistentVolumeClaim of the pod's namespace.",
    p: {
      claimName: ['string', 'Name of the PersistentVolumeClaim.'],
      readOnly: ['boolean', 'Force the volume to be mounted read-only.'],
    },
    req: ['claimName'],
  },
  'core.DownwardAPIVolumeSource': {
    d: 'DownwardAPIVolumeSource exposes pod fields and container resources as files.',
    p: {
      items: ['core.DownwardAPIVolumeFile[]', 'The files to create.', { list: 'atomic' }],
      defaultMode: ['int32', 'Permission bits of the created files; defaults to 0644.'],
    },
  },
  'core.ConfigMapVolumeSource': {
    d: 'ConfigMapVolumeSource projects the keys of a ConfigMap as files.',
    p: {
      name: ['string', "Name of the ConfigMap in the pod's namespace.", { default: '' }],
      items: ['core.KeyToPath[]', 'Keys to project and their file paths; unlisted keys are left out. Without items every key becomes a file.', { list: 'atomic' }],
      defaultMode: ['int32', 'Permission bits of the created files, 0000-0777 in octal; defaults to 0644.'],
      optional: ['boolean', 'Whether the ConfigMap or the listed keys may be missing.'],
    },
  },
  'core.ProjectedVolumeSource': {
    d: 'ProjectedVolumeSource combines several sources into one directory.',
    p: {
      sources: ['core.VolumeProjection[]', 'The projected sources.', { list: 'atomic' }],
      defaultMode: ['int32', 'Permission bits of the created files; defaults to 0644.'],
    },
  },
  'core.CSIVolumeSource': {
    d: 'CSIVolumeSource is an ephemeral volume provided by a CSI driver.',
    p: {
      driver: ['string', 'Name of the CSI driver.'],
      readOnly: ['boolean', 'Whether the volume is read-only; defaults to false.'],
      fsType: ['string', 'Filesystem type, passed to the driver; the driver picks one when empty.'],
      volumeAttributes: ['{string}', 'Driver-specific attributes passed to the driver.'],
      nodePublishSecretRef: ['core.LocalObjectReference', "Secret with sensitive data passed to the driver's NodePublishVolume calls."],
    },
    req: ['driver'],
  },
  'core.EphemeralVolumeSource': {
    d: 'EphemeralVolumeSource creates a PersistentVolumeClaim for the pod and deletes it with the pod.',
    p: {
      volumeClaimTemplate: ['core.PersistentVolumeClaimTemplate', 'Template of the claim to create, named <pod name>-<volume name>.'],
    },
  },
  'core.ImageVolumeSource': {
    d: 'ImageVolumeSource mounts an OCI image or artifact read-only.',
    p: {
      reference: ['string', 'Image or artifact reference, as for a container image.'],
      pullPolicy: ['string', 'When the image is pulled: Always, Never or IfNotPresent.', { enum: ['Always', 'IfNotPresent', 'Never'] }],
    },
  },
  'core.KeyToPath': {
    d: 'KeyToPath maps one key to a file path inside a volume.',
    p: {
      key: ['string', 'The key to project.'],
      path: ['string', "Relative path of the file; must not contain '..'."],
      mode: ['int32', "Permission bits of this file; defaults to the volume's defaultMode."],
    },
    req: ['key', 'path'],
  },
  'core.DownwardAPIVolumeFile': {
    d: 'DownwardAPIVolumeFile is one file of a downward API volume.',
    p: {
      path: ['string', "Relative path of the file; must not contain '..'."],
      fieldRef: ['core.ObjectFieldSelector', 'Pod field to write: annotations, labels, name, namespace or uid.'],
      resourceFieldRef: ['core.ResourceFieldSelector', 'Container resource limit or request to write.'],
      mode: ['int32', "Permission bits of this file; defaults to the volume's defaultMode."],
    },
    req: ['path'],
  },
  'core.VolumeProjection': {
    d: 'VolumeProjection is one source of a projected volume; exactly one field is set.',
    p: {
      secret: ['core.SecretProjection', 'Keys of a Secret.'],
      downwardAPI: ['core.DownwardAPIProjection', 'Pod fields and container resources.'],
      configMap: ['core.ConfigMapProjection', 'Keys of a ConfigMap.'],
      serviceAccountToken: ['core.ServiceAccountTokenProjection', "A token of the pod's service account."],
      clusterTrustBundle: ['core.ClusterTrustBundleProjection', 'Certificates from ClusterTrustBundle objects, in one PEM file.'],
    },
  },
  'core.PersistentVolumeClaimTemplate': {
    d: 'PersistentVolumeClaimTemplate describes a PersistentVolumeClaim created for an ephemeral volume.',
    p: {
      metadata: ['meta.ObjectMeta', 'Labels and annotations copied into the created claim.'],
      spec: ['core.PersistentVolumeClaimSpec', 'Specification of the created claim.'],
    },
    req: ['spec'],
  },
  'core.SecretProjection': {
    d: 'SecretProjection projects keys of a Secret into a projected volume.',
    p: {
      name: ['string', 'Name of the Secret.', { default: '' }],
      items: ['core.KeyToPath[]', 'Keys to project and their file paths; without items every key becomes a file.', { list: 'atomic' }],
      optional: ['boolean', 'Whether the Secret or the listed keys may be missing.'],
    },
  },
  'core.DownwardAPIProjection': {
    d: 'DownwardAPIProjection projects pod fields and container resources into a projected volume.',
    p: {
      items: ['core.DownwardAPIVolumeFile[]', 'The files to create.', { list: 'atomic' }],
    },
  },
  'core.ConfigMapProjection': {
    d: 'ConfigMapProjection projects keys of a ConfigMap into a projected volume.',
    p: {
      name: ['string', 'Name of the ConfigMap.', { default: '' }],
      items: ['core.KeyToPath[]', 'Keys to project and their file paths; without items every key becomes a file.', { list: 'atomic' }],
      optional: ['boolean', 'Whether the ConfigMap or the listed keys may be missing.'],
    },
  },
  'core.ServiceAccountTokenProjection': {
    d: "ServiceAccountTokenProjection writes a bound token of the pod's service account to a file, refreshed by the kubelet.",
    p: {
      audience: ['string', 'Intended audience of the token; defaults to the API server.'],
      expirationSeconds: ['int64', 'Requested lifetime of the token in seconds; defaults to one hour, at least 10 minutes.'],
      path: ['string', 'Relative path of the token file.'],
    },
    req: ['path'],
  },
  'core.ClusterTrustBundleProjection': {
    d: 'ClusterTrustBundleProjection writes certificates from ClusterTrustBundle objects to a file.',
    p: {
      name: ['string', 'Name of a single ClusterTrustBundle to use.'],
      signerName: ['string', 'Use every ClusterTrustBundle with this signer name.'],
      labelSelector: ['meta.LabelSelector', 'Restrict the bundles selected by signerName to those with matching labels.'],
      optional: ['boolean', 'If true, the pod starts even when no bundle is found.'],
      path: ['string', 'Relative path of the bundle file.'],
    },
    req: ['path'],
  },
};
