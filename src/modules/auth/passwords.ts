// bcrypt hashing. Checking a password for an unknown account still spends one bcrypt comparison, so that a
// wrong password and an unknown email take the same time and get the same answer.
import bcrypt from 'bcrypt';

export const BCRYPT_COST = 10;
const DUMMY_HASH = bcrypt.hashSync('not-a-real-password', BCRYPT_COST);

export const hashPassword = (password: string) => bcrypt.hash(password, BCRYPT_COST);

export async function verifyPassword(hash: string | undefined, password: string): Promise<boolean> {
  const ok = await bcrypt.compare(password, hash ?? DUMMY_HASH);
  return ok && hash !== undefined;
}
