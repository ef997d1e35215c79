/**
 * Flag values that need more than a type: parsed and checked before anything starts, refused with pflag's wording
 * (`invalid argument "x" for "--flag" flag: why`) so a bad flag never leaves a half-started cluster behind.
 */
/** `--cluster-cidr`: comma-separated CIDRs, each able to hold node subnets (/24 for IPv4, /64 for IPv6). */
export async function clusterCidrFlag(value: string): Promise<string[]> {
  const { CidrSet } = await import('../controllers/index.js');
  const cidrs = value.split(',').map((c) => c.trim());
  for (const c of cidrs) {
    try {
      new CidrSet(c, c.includes(':') ? 64 : 24);
    } catch (err) {
      throw new Error(`invalid argument ${JSON.stringify(value)} for "--cluster-cidr" flag: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  }
  return cidrs;
}

export async function positiveDurationFlag(flag: string, value: string): Promise<number> {
  const { parseGoDuration } = await import('../controllers/index.js');
  let ms: number;
  try {
    ms = parseGoDuration(value);
  } catch (err) {
    throw new Error(`invalid argument ${JSON.stringify(value)} for "${flag}" flag: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  if (!(ms > 0)) throw new Error(`invalid argument ${JSON.stringify(value)} for "${flag}" flag: must be a positive duration`);
  return ms;
}

