import { describe, expect, it } from 'vitest';
import { applyDefaultImageTag, defaultPullPolicy, InvalidImageNameError, parseImageReference } from './image-ref.js';

describe('image references', () => {
  it('normalises like containerd', () => {
    expect(parseImageReference('nginx').normalized).toBe('docker.io/library/nginx:latest');
    expect(parseImageReference('bitnami/redis:7').normalized).toBe('docker.io/bitnami/redis:7');
    expect(parseImageReference('registry.k8s.io/pause:3.10').normalized).toBe('registry.k8s.io/pause:3.10');
    expect(parseImageReference('localhost:5000/app').normalized).toBe('localhost:5000/app:latest');
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(parseImageReference(`nginx@${digest}`)).toMatchObject({ digest, normalized: `docker.io/library/nginx@${digest}` });
  });

  it('applies the default tag and pull policy', () => {
    expect(applyDefaultImageTag('nginx')).toBe('nginx:latest');
    expect(applyDefaultImageTag('nginx:1.27')).toBe('nginx:1.27');
    expect(defaultPullPolicy('nginx')).toBe('Always');
    expect(defaultPullPolicy('nginx:latest')).toBe('Always');
    expect(defaultPullPolicy('nginx:1.27')).toBe('IfNotPresent');
  });

  it('rejects malformed references', () => {
    expect(() => parseImageReference('Nginx')).toThrow(InvalidImageNameError);
    expect(() => parseImageReference('nginx:')).toThrow('invalid reference format');
  });
});
