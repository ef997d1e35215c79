/** Value formats from k8s.io/apimachinery/pkg/util/validation that machinery does not (yet) provide. */
import { isIP, isIPv4, isIPv6 } from 'node:net';
import { maxLenError, regexError } from '../../machinery/index.js';

function chDirPrefixErrors(value: string): string[] {
  if (value === '.') return ["must not be '.'"];
  if (value === '..') return ["must not be '..'"];
  if (value.startsWith('..')) return ["must not start with '..'"];
  return [];
}

const envVarNameFmt = '[-._a-zA-Z][-._a-zA-Z0-9]*';
const envVarNameRe = new RegExp(`^${envVarNameFmt}$`);
/** IsEnvVarName. */
export function isEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (!envVarNameRe.test(value)) {
    errs.push(
      regexError(
        "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit",
        envVarNameFmt,
        'my.env-name',
        'MY_ENV.NAME',
        'MyEnvName1',
      ),
    );
  }
  return [...errs, ...chDirPrefixErrors(value)];
}

const configMapKeyFmt = '[-._a-zA-Z0-9]+';
const configMapKeyRe = new RegExp(`^${configMapKeyFmt}$`);
/** IsConfigMapKey: keys of ConfigMap and Secret data. */
export function isConfigMapKey(value: string): string[] {
  const errs: string[] = [];
  if (Buffer.byteLength(value) > 253) errs.push(maxLenError(253));
  if (!configMapKeyRe.test(value)) {
    errs.push(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", configMapKeyFmt, 'key.name', 'KEY_NAME', 'key-name'));
  }
  return [...errs, ...chDirPrefixErrors(value)];
}

/** IsValidPortName (IANA service names). */
export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (port.length > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-'))) errs.push('must not begin or end with a hyphen');
  return errs;
}

const httpHeaderNameFmt = '[-A-Za-z0-9]+';
/** IsHTTPHeaderName. */
export function isHTTPHeaderName(value: string): string[] {
  return new RegExp(`^${httpHeaderNameFmt}$`).test(value)
    ? []
    : [regexError("a valid HTTP header must consist of alphanumeric characters or '-'", httpHeaderNameFmt, 'X-Header-Name')];
}

const percentFmt = '[0-9]+%';
/** IsValidPercent. */
export function isValidPercent(value: string): string[] {
  return new RegExp(`^${percentFmt}$`).test(value) ? [] : [regexError("a valid percent string must be a numeric string followed by an ending '%'", percentFmt, '1%', '93%')];
}

/** netutils.ParseIPSloppy accepts IPv4 octets with leading zeros; so does this. */
export function parseIPFamily(value: string): 4 | 6 | undefined {
  if (isIPv6(value)) return 6;
  if (isIPv4(value)) return 4;
  const sloppy = value.split('.');
  if (sloppy.length === 4 && sloppy.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255)) return 4;
  return isIP(value) === 0 ? undefined : 4;
}

/** IsValidIP's message. */
export const VALID_IP_MESSAGE = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
/** IsValidCIDR's message. */
export const VALID_CIDR_MESSAGE = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

export function isValidCIDR(value: string): boolean {
  const [ip, bits, ...rest] = value.split('/');
  if (rest.length || ip === undefined || bits === undefined || !/^\d+$/.test(bits)) return false;
  const family = parseIPFamily(ip);
  return family !== undefined && Number(bits) <= (family === 4 ? 32 : 128);
}

/** ValidateNonSpecialIP's messages for a parseable address. */
export function specialIPErrors(value: string): string[] {
  const family = parseIPFamily(value);
  if (family === undefined) return ['must be a valid IP address'];
  const errs: string[] = [];
  if (family === 4) {
    const o = value.split('.').map(Number);
    if (o.every((x) => x === 0)) errs.push(`may not be unspecified (${value})`);
    if (o[0] === 127) errs.push('may not be in the loopback range (127.0.0.0/8, ::1/128)');
    if (o[0] === 169 && o[1] === 254) errs.push('may not be in the link-local range (169.254.0.0/16, fe80::/10)');
    if (o[0] === 224 && o[1] === 0 && o[2] === 0) errs.push('may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)');
  } else {
    const v = value.toLowerCase();
    if (v === '::') errs.push(`may not be unspecified (${value})`);
    if (v === '::1') errs.push('may not be in the loopback range (127.0.0.0/8, ::1/128)');
    if (/^fe[89ab]/.test(v)) errs.push('may not be in the link-local range (169.254.0.0/16, fe80::/10)');
    if (v.startsWith('ff02:')) errs.push('may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)');
  }
  return errs;
}
