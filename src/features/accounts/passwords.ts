import argon2 from 'argon2';

// OWASP's argon2id recommendation (19 MiB, 2 passes) raised to 64 MiB / 3 passes.
const OPTIONS = { type: argon2.argon2id, memoryCost: 65536, timeCost: 3, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;
/** Spends the same effort as a real check, so timing does not reveal whether a username exists. */
export async function verifyAgainstNothing(password: string): Promise<void> {
  dummy ??= hashPassword('haven-no-such-account');
  await verifyPassword(await dummy, password);
}
