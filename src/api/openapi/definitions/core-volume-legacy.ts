/** core/v1 legacy in-tree volume sources (deprecated, kept so pods that use them validate). */
import type { CompactTable } from '../compact.js';

export const coreVolumeLegacyDefinitions: CompactTable = {
  'core.GCEPersistentDiskVolumeSource': {
    d: 'GCEPersistentDiskVolumeSource is a Google Compute Engine persistent disk.',
    p: {
      pdName: ['string', 'Name of the disk in GCE.'],
      fsType: ['string', 'Filesystem type to mount, such as ext4 or xfs; must be supported by the host.'],
      partition: ['int32', 'Partition to mount; 0 or empty mounts the whole disk.'],
      readOnly: ['boolean', 'Mount the volume read-only; defaults to false.'],
    },
    req: ['pdName'],
  },
  'core.AWSElasticBlockStoreVolumeSource': {
    d: 'AWSElasticBlockStoreVolumeSource is an AWS EBS volume.',
    p: {
      volumeID: ['string', 'ID of the EBS volume.'],
      fsType: ['string', 'Filesystem type to mount, such as ext4 or xfs; must be supported by the host.'],
      partition: ['int32', 'Partition to mount; 0 or empty mounts the whole volume.'],
      readOnly: ['boolean', 'Mount the volume read-only; defaults to false.'],
    },
    req: ['volumeID'],
  },
  'core.GitRepoVolumeSource': {
    d: 'GitRepoVolumeSource clones a git repository into the volume (deprecated).',
    p: {
      repository: ['string', 'URL of the repository.'],
      revision: ['string', 'Commit hash to check out.'],
      directory: ['string', 'Directory to clone into, relative to the volume; "." clones into the volume root.'],
    },
    req: ['repository'],
  },
  'core.ISCSIVolumeSource': {
    d: 'ISCSIVolumeSource is an iSCSI disk.',
    p: {
      targetPortal: ['string', 'iSCSI target portal, as IP or IP:port.'],
      iqn: ['string', 'iSCSI qualified name of the target.'],
      lun: ['int32', 'Target LUN number.'],
      iscsiInterface: ['string', 'iSCSI interface name; defaults to default (tcp).', { default: 'default' }],
      fsType: ['string', 'Filesystem type to mount, such as ext4 or xfs; must be supported by the host.'],
      readOnly: ['boolean', 'Mount the volume read-only; defaults to false.'],
      portals: ['string[]', 'Additional target portals.', { list: 'atomic' }],
      chapAuthDiscovery: ['boolean', 'Whether CHAP authentication is used for discovery.'],
      chapAuthSession: ['boolean', 'Whether CHAP authentication is used for the session.'],
      secretRef: ['core.LocalObjectReference', 'Secret with the CHAP credentials.'],
      initiatorName: ['string', 'Custom initiator name.'],
    },
    req: ['targetPortal', 'iqn', 'lun'],
  },
  'core.GlusterfsVolumeSource': {
    d: 'GlusterfsVolumeSource is a GlusterFS mount.',
    p: {
      endpoints: ['string', 'Name of the Endpoints object listing the Gluster servers.'],
      path: ['string', 'Gluster volume path.'],
      readOnly: ['boolean', 'Mount the volume read-only; defaults to false.'],
    },
    req: ['endpoints', 'path'],
  },
  'core.RBDVolumeSource': {
    d: 'RBDVolumeSource is a Rados block device.',
    p: {
      monitors: ['string[]', 'Ceph monitors.', { list: 'atomic' }],
      image: ['string', 'RBD image name.'],
      fsType: ['string', 'Filesystem type to mount, such as ext4 or xfs; must be supported by the host.'],
      pool: ['string', 'Rados pool; defaults to rbd.', { default: 'rbd' }],
      user: ['string', 'Rados user; defaults to admin.', { default: 'admin' }],
      keyring: ['string', 'Path to the keyring; defaults to /etc/ceph/keyring.', { default: '/etc/ceph/keyring' }],
      secretRef: ['core.LocalObjectReference', 'Secret holding the credentials the volume plugin needs.'],
      readOnly: ['boolean', 'Mount the volume read-only; defaults to false.'],
    },
    req: ['monitors', 'image'],
  },
  'core.FlexVolumeSource': {
    d: 'FlexVolumeSource is a volume provided by an exec-based plugin.',
    p: {
      driver: ['string', 'Name of the FlexVolume driver.'],
      fsType: ['string', 'Filesystem type to mount, such as ext4 or xfs; must be supported by the host.'],
      secretRef: ['core.LocalObjectReference', 'Secret holding the credentials the volume plugin needs.'],
      readOnly: ['boolean', 'Mount the volume read-only; defaults to false.'],
      options: ['{string}', 'Extra options passed to the driver.'],
    },
    req: ['driver'],
  },
  'core.CinderVolumeSource': {
    d: 'CinderVolumeSource is an OpenStack Cinder volume.',
    p: {
      volumeID: ['string', 'ID of the Cinder volume.'],
      fsType: ['string', 'Filesystem type to mount, such as ext4 or xfs; must be supported by the host.'],
      readOnly: ['boolean', 'Mount the volume read-only; defaults to false.'],
      secretRef: ['core.LocalObjectReference', 'Secret holding the credentials the volume plugin needs.'],
    },
    req: ['volumeID'],
  },
  'core.CephFSVolumeSource': {
    d: 'CephFSVolumeSource is a CephFS mount.',
    p: {
      monitors: ['string[]', 'Ceph monitors.', { list: 'atomic' }],
      path: ['string', 'Path mounted as the root; defaults to /.'],
      user: ['string', 'Rados user; defaults to admin.'],
      secretFile: ['string', "Path to the user's keyring; defaults to /etc/ceph/user.secret."],
      secretRef: ['core.LocalObjectReference', 'Secret holding the credentials the volume plugin needs.'],
      readOnly: ['boolean', 'Mount the volume read-only; defaults to false.'],
    },
    req: ['monitors'],
  },
  'core.FlockerVolumeSource': {
    d: 'FlockerVolumeSource is a Flocker dataset.',
    p: {
      datasetName: ['string', 'Name of the dataset (deprecated).'],
      datasetUUID: ['string', 'UUID of the dataset.'],
    },
  },
  'core.FCVolumeSource': {
    d: 'FCVolumeSource is a Fibre Channel disk.',
    p: {
      targetWWNs: ['string[]', 'Target world wide names.', { list: 'atomic' }],
      lun: ['int32', 'Target LUN number.'],
      fsType: ['string', 'Filesystem type to mount, such as ext4 or xfs; must be supported by the host.'],
      readOnly: ['boolean', 'Mount the volume read-only; defaults to false.'],
      wwids: ['string[]', 'World wide identifiers of the volume; use either wwids or targetWWNs with lun.', { list: 'atomic' }],
    },
  },
  'core.AzureFileVolumeSource': {
    d: 'AzureFileVolumeSource is an Azure File share.',
    p: {
      secretName: ['string', 'Secret with the storage account name and key.'],
      shareName: ['string', 'Name of the share.'],
      readOnly: ['boolean', 'Mount the volume read-only; defaults to false.'],
    },
    req: ['secretName', 'shareName'],
  },
  'core.VsphereVirtualDiskVolumeSource': {
    d: 'VsphereVirtualDiskVolumeSource is a vSphere disk.',
    p: {
      volumePath: ['string', 'Path of the vmdk.'],
      fsType: ['string', 'Filesystem type to mount, such as ext4 or xfs; must be supported by the host.'],
      storagePolicyName: ['string', 'Storage policy (SPBM) profile name.'],
      storagePolicyID: ['string', 'Storage policy (SPBM) profile ID.'],
    },
    req: ['volumePath'],
  },
  'core.QuobyteVolumeSource': {
    d: 'QuobyteVolumeSource is a Quobyte mount.',
    p: {
      registry: ['string', 'Quobyte registry services, as host:port pairs separated by commas.'],
      volume: ['string', 'Name of an existing Quobyte volume.'],
      readOnly: ['boolean', 'Mount the volume read-only; defaults to false.'],
      user: ['string', 'User to map volume access to.'],
      group: ['string', 'Group to map volume access to.'],
      tenant: ['string', 'Tenant owning the volume.'],
    },
    req: ['registry', 'volume'],
  },
  'core.AzureDiskVolumeSource': {
    d: 'AzureDiskVolumeSource is an Azure data disk.',
    p: {
      diskName: ['string', 'Name of the data disk.'],
      diskURI: ['string', 'URI of the data disk.'],
      cachingMode: ['string', 'Host caching mode: None, ReadOnly or ReadWrite.', { enum: ['None', 'ReadOnly', 'ReadWrite'] }],
      fsType: ['string', 'Filesystem type to mount, such as ext4 or xfs; must be supported by the host.', { default: 'ext4' }],
      readOnly: ['boolean', 'Mount the volume read-only; defaults to false.', { default: false }],
      kind: ['string', 'Disk kind: Shared, Dedicated or Managed.', { enum: ['Dedicated', 'Managed', 'Shared'] }],
    },
    req: ['diskName', 'diskURI'],
  },
  'core.PhotonPersistentDiskVolumeSource': {
    d: 'PhotonPersistentDiskVolumeSource is a Photon Controller disk.',
    p: {
      pdID: ['string', 'ID of the disk.'],
      fsType: ['string', 'Filesystem type to mount, such as ext4 or xfs; must be supported by the host.'],
    },
    req: ['pdID'],
  },
  'core.PortworxVolumeSource': {
    d: 'PortworxVolumeSource is a Portworx volume.',
    p: {
      volumeID: ['string', 'ID of the Portworx volume.'],
      fsType: ['string', 'Filesystem type to mount, such as ext4 or xfs; must be supported by the host.'],
      readOnly: ['boolean', 'Mount the volume read-only; defaults to false.'],
    },
    req: ['volumeID'],
  },
  'core.ScaleIOVolumeSource': {
    d: 'ScaleIOVolumeSource is a ScaleIO volume.',
    p: {
      gateway: ['string', 'Host address of the ScaleIO API gateway.'],
      system: ['string', 'Name of the storage system.'],
      secretRef: ['core.LocalObjectReference', 'Secret holding the credentials the volume plugin needs.'],
      sslEnabled: ['boolean', 'Whether SSL is used to talk to the gateway.'],
      protectionDomain: ['string', 'Protection domain of the storage.'],
      storagePool: ['string', 'Storage pool of the protection domain.'],
      storageMode: ['string', 'ThickProvisioned or ThinProvisioned.', { default: 'ThinProvisioned' }],
      volumeName: ['string', 'Name of an existing volume.'],
      fsType: ['string', 'Filesystem type to mount, such as ext4 or xfs; must be supported by the host.', { default: 'xfs' }],
      readOnly: ['boolean', 'Mount the volume read-only; defaults to false.'],
    },
    req: ['gateway', 'system', 'secretRef'],
  },
  'core.StorageOSVolumeSource': {
    d: 'StorageOSVolumeSource is a StorageOS volume.',
    p: {
      volumeName: ['string', 'Name of the volume.'],
      volumeNamespace: ['string', "StorageOS namespace of the volume; defaults to the pod's namespace."],
      fsType: ['string', 'Filesystem type to mount, such as ext4 or xfs; must be supported by the host.'],
      readOnly: ['boolean', 'Mount the volume read-only; defaults to false.'],
      secretRef: ['core.LocalObjectReference', 'Secret holding the credentials the volume plugin needs.'],
    },
  },
};
