/** core/v1 Volume with the common sources (the cloud-specific legacy ones are accepted as opaque records). */
import type { QuantityValue } from './common.js';
import type { ObjectFieldSelector, ResourceFieldSelector } from './core-container.js';

export interface KeyToPath {
  key: string;
  path: string;
  mode?: number;
}

export interface EmptyDirVolumeSource {
  medium?: '' | 'Memory' | 'HugePages';
  sizeLimit?: QuantityValue;
}

export interface HostPathVolumeSource {
  path: string;
  type?: '' | 'DirectoryOrCreate' | 'Directory' | 'FileOrCreate' | 'File' | 'Socket' | 'CharDevice' | 'BlockDevice';
}

export interface SecretVolumeSource {
  secretName?: string;
  items?: KeyToPath[];
  defaultMode?: number;
  optional?: boolean;
}

export interface ConfigMapVolumeSource {
  name?: string;
  items?: KeyToPath[];
  defaultMode?: number;
  optional?: boolean;
}

export interface PersistentVolumeClaimVolumeSource {
  claimName: string;
  readOnly?: boolean;
}

export interface DownwardAPIVolumeFile {
  path: string;
  fieldRef?: ObjectFieldSelector;
  resourceFieldRef?: ResourceFieldSelector;
  mode?: number;
}

export interface DownwardAPIVolumeSource {
  items?: DownwardAPIVolumeFile[];
  defaultMode?: number;
}

export interface ServiceAccountTokenProjection {
  audience?: string;
  expirationSeconds?: number;
  path: string;
}

export interface VolumeProjection {
  secret?: Omit<SecretVolumeSource, 'secretName' | 'defaultMode'> & { name?: string };
  configMap?: Omit<ConfigMapVolumeSource, 'defaultMode'>;
  downwardAPI?: { items?: DownwardAPIVolumeFile[] };
  serviceAccountToken?: ServiceAccountTokenProjection;
}

export interface ProjectedVolumeSource {
  sources?: VolumeProjection[];
  defaultMode?: number;
}

export interface NFSVolumeSource {
  server: string;
  path: string;
  readOnly?: boolean;
}

export interface CSIVolumeSource {
  driver: string;
  readOnly?: boolean;
  fsType?: string;
  volumeAttributes?: Record<string, string>;
  nodePublishSecretRef?: { name?: string };
}

export interface ImageVolumeSource {
  reference?: string;
  pullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
}

export interface VolumeSource {
  emptyDir?: EmptyDirVolumeSource;
  hostPath?: HostPathVolumeSource;
  secret?: SecretVolumeSource;
  configMap?: ConfigMapVolumeSource;
  persistentVolumeClaim?: PersistentVolumeClaimVolumeSource;
  downwardAPI?: DownwardAPIVolumeSource;
  projected?: ProjectedVolumeSource;
  nfs?: NFSVolumeSource;
  csi?: CSIVolumeSource;
  image?: ImageVolumeSource;
  ephemeral?: Record<string, unknown>;
  /** Legacy in-tree sources (gcePersistentDisk, awsElasticBlockStore, iscsi, ...) are carried as opaque records. */
  [legacySource: string]: unknown;
}

export interface Volume extends VolumeSource {
  name: string;
}
