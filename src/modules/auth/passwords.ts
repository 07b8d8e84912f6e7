// bcrypt hashing. Checking a password for an unknown account still spends one bcrypt comparison, so that a
// wrong password and an unknown email take the same time and get the same answer.
import bcrypt from 'bcrypt';

export const BCRYPT_COST = 10;
// bcrypt.hashSync('not-a-real-password', BCRYPT_COST), computed once here rather than at every import: hashing
// it at start-up blocked every process for 60-300 ms of CPU before it could listen. A comparison against it
// costs what a real one does (same cost factor); it never matches, since an unknown account has no hash.
export const DUMMY_HASH = '$2b$10$8Bg57QVPryFP6oslbo3VpeIWuUbxHCsgTCLppuh7JH8.khgPm/daa';

export const hashPassword = (password: string) => bcrypt.hash(password, BCRYPT_COST);

export async function verifyPassword(hash: string | undefined, password: string): Promise<boolean> {
  const ok = await bcrypt.compare(password, hash ?? DUMMY_HASH);
  return ok && hash !== undefined;
}
